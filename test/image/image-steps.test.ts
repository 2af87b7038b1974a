import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../fakes/telegram-bot-api.js';
import { messageUpdate, privateChat, textMessage, user } from '../fakes/telegram-updates.js';
import { type BotProcess, ROOT, spawnBot } from '../support/bot-process.js';
import { type Instruction, parseDockerfile } from './dockerfile.js';

/**
 * The Dockerfile's steps, replayed on this machine in a clean temporary folder: each
 * stage is a folder standing for the image's root; COPY copies from this repository
 * (the build context) or from an earlier stage, RUN runs in the stage's WORKDIR with its
 * ENV. Then the final stage's CMD is started (plain node, production dependencies only)
 * with a fake Telegram, and its HEALTHCHECK must fail while the bot connects and pass
 * once it is ready. `npm run test:image` (CI runs it after `npm test`): it installs from
 * the registry and compiles better-sqlite3, a few minutes, too slow for `npm test`.
 *
 * What cannot be replayed without a container engine: the base image (this machine's
 * Node stands in for node:<NODE_VERSION>-slim), `apt-get` (the build toolchain is
 * already here: the skipped steps are listed and checked), USER (ownership and the
 * unprivileged user are recorded and checked, not enforced) and VOLUME.
 */
interface Stage {
  name: string | undefined;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  volumes: string[];
  chowns: Array<{ path: string; owner: string }>;
  healthcheck?: string[];
  cmd?: string[];
  stopsignal?: string;
  exposed: string[];
}

const work = await mkdtemp(join(tmpdir(), 'pb-image-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const at = (stage: Stage, path: string) => join(stage.root, posix.resolve(stage.workdir, path));
const hostEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? work,
  ...(process.env.npm_config_cache ? { npm_config_cache: process.env.npm_config_cache } : {}),
});

function sh(command: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { cwd, env, maxBuffer: 64 << 20 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`RUN ${command} failed: ${stderr.slice(-2000)}`)) : resolve(),
    );
  });
}

async function copy(source: string, dest: string, intoDir: boolean): Promise<void> {
  const isDir = (await stat(source)).isDirectory();
  const target = isDir ? dest : intoDir ? join(dest, basename(source)) : dest;
  await mkdir(isDir ? target : join(target, '..'), { recursive: true });
  await cp(source, target, { recursive: true, verbatimSymlinks: true });
}

/** Replays the Dockerfile; returns the final stage and the RUN steps that were not run. */
async function replay(instructions: Instruction[]): Promise<{ final: Stage; skipped: string[] }> {
  const stages: Stage[] = [];
  const skipped: string[] = [];
  let stage: Stage | undefined;
  for (const step of instructions) {
    if (step.op === 'FROM') {
      if (stages.some((s) => s.name === step.image)) throw new Error('FROM an earlier stage is not replayed');
      stage = { name: step.stage, root: join(work, `stage-${stages.length}`), workdir: '/', env: {}, user: 'root', volumes: [], chowns: [], exposed: [] };
      stages.push(stage);
      await mkdir(stage.root, { recursive: true });
      continue;
    }
    if (!stage) throw new Error(`${step.op} before FROM`);
    switch (step.op) {
      case 'WORKDIR':
        stage.workdir = posix.resolve(stage.workdir, step.path);
        await mkdir(join(stage.root, stage.workdir), { recursive: true });
        break;
      case 'COPY': {
        const from = step.from === undefined ? undefined : stages.find((s) => s.name === step.from);
        if (step.from !== undefined && !from) throw new Error(`COPY --from=${step.from}: no such stage`);
        const dest = at(stage, step.dest);
        for (const source of step.sources)
          await copy(from ? join(from.root, source) : join(ROOT, source), dest, step.dest.endsWith('/') || step.sources.length > 1);
        if (step.chown) stage.chowns.push({ path: posix.resolve(stage.workdir, step.dest), owner: step.chown });
        break;
      }
      case 'RUN':
        if (/^apt-get /.test(step.command)) skipped.push(step.command);
        else await sh(step.command, join(stage.root, stage.workdir), { ...hostEnv(), ...stage.env });
        break;
      case 'ENV':
        Object.assign(stage.env, step.vars);
        break;
      case 'USER':
        stage.user = step.user;
        break;
      case 'VOLUME':
        stage.volumes.push(...step.paths);
        break;
      case 'EXPOSE':
        stage.exposed.push(...step.ports);
        break;
      case 'STOPSIGNAL':
        stage.stopsignal = step.signal;
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = step.command;
        break;
      case 'CMD':
        stage.cmd = step.command;
        break;
    }
  }
  return { final: stages.at(-1)!, skipped };
}

/** The stage's ENV as the process in the image sees it, absolute paths moved into the stage's folder. */
const imageEnv = (stage: Stage): Record<string, string> =>
  Object.fromEntries(Object.entries(stage.env).map(([k, v]) => [k, v.startsWith('/') ? join(stage.root, v) : v]));

function runCommand(command: string[], stage: Stage, env: Record<string, string>): Promise<{ code: number; output: string }> {
  const [program, ...args] = command;
  if (program !== 'node') throw new Error(`the image runs ${program}, not node`);
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: join(stage.root, stage.workdir), env: { PATH: process.env.PATH ?? '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the Dockerfile, step by step in a clean folder', () => {
  let bot: BotProcess | undefined;
  let fake: FakeBotApi | undefined;
  afterAll(async () => {
    bot?.kill('SIGKILL');
    await fake?.close();
  });

  it('builds with production dependencies only, starts compiled on plain node, and its HEALTHCHECK passes once the bot is ready', async () => {
    const { instructions } = parseDockerfile(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
    const { final, skipped } = await replay(instructions);

    // What the engine would do and this replay cannot: only the toolchain install is skipped.
    expect(skipped).toEqual([expect.stringMatching(/^apt-get update && apt-get install -y --no-install-recommends python3 make g\+\+/)]);
    expect(final.user).toBe('node');
    expect(final.volumes).toEqual(['/app/data', posix.dirname(final.env.DB_PATH!)]);
    expect(final.chowns).toContainEqual({ path: posix.dirname(final.env.DB_PATH!), owner: 'node:node' });
    expect(final.healthcheck).toEqual(['node', 'dist/entry/healthcheck.js']);
    expect(final.stopsignal).toBe('SIGTERM');

    // Production dependencies only: no compiler, no tsx, no test tools; no TypeScript source.
    const app = join(final.root, final.workdir);
    for (const dev of ['typescript', 'tsx', 'vitest', '@biomejs/biome', 'node-nlp']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    for (const prod of ['better-sqlite3', 'discord.js', 'grammy', 'prom-client']) expect(existsSync(join(app, 'node_modules', prod)), prod).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'dist/entry/main.js'))).toBe(true);

    // Start the CMD with a Telegram token; the operations server on a free port (the image's 9464 may be taken here).
    fake = await FakeBotApi.start();
    const getMe = fake.gate('getMe');
    const env: Record<string, string> = {
      ...imageEnv(final),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      OPS_PORT: '0',
      LOG_LEVEL: 'debug',
    };
    const [program, ...args] = final.cmd!;
    expect(program).toBe('node');
    bot = spawnBot(join(app, args.at(-1)!), { cwd: app, env, nodeArgs: args.slice(0, -1) });
    const port = String(await bot.opsPort(60_000));
    await getMe.arrived;
    const connecting = await runCommand(final.healthcheck!, final, { ...env, OPS_PORT: port });
    expect(connecting.code).toBe(1);
    expect(connecting.output).toContain('503');
    getMe.release();
    await fake.waitForPoll();
    let health = await runCommand(final.healthcheck!, final, { ...env, OPS_PORT: port });
    for (let tries = 0; health.code !== 0 && tries < 50; tries += 1) health = await runCommand(final.healthcheck!, final, { ...env, OPS_PORT: port });
    expect(health).toMatchObject({ code: 0, output: expect.stringContaining('200 {"ready":true}') });

    const alice = user(9701, 'Alice');
    const reply = fake.waitFor('sendMessage', { timeoutMs: 15_000 });
    fake.pushUpdate(messageUpdate(textMessage(privateChat(alice), alice, 'how much gas will russia send iran?')));
    expect((await reply).plain).toContain('55');
    expect(existsSync(env.DB_PATH!)).toBe(true);

    // A reload loads and validates in a worker thread, compiled, with no tsx anywhere to register; unchanged data is
    // not trained again (the store holds its build: train once, kb-sync.ts).
    bot.kill('SIGHUP');
    await bot.waitForLog((l) => l.msg === 'data reloaded (unchanged)' && l.reason === 'SIGHUP');
    expect(bot.logs().some((l) => l.msg === 'data prepared in a worker thread' && l.trained === false)).toBe(true);
    expect(bot.output()).not.toMatch(/no build thread/);

    bot.kill('SIGTERM');
    expect((await bot.exited)[0]).toBe(0);
  });
});
