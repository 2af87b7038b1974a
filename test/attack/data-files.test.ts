import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { type Curator, createCurator } from '../../src/curator/curator.js';
import { privateChat, user } from '../fakes/telegram-updates.js';
import { realKnowledgeBase } from '../support/core.js';
import { MODERATOR, startTelegram, type TelegramTest } from '../telegram/harness.js';

/**
 * Finding 1 and 2 of issue 16: hostile files in data/ (a 10 MB flat list, an
 * alias bomb, a named pipe) ran the build thread out of memory, fell back to
 * the main thread and aborted the bot, or hung every reload after them. Each
 * is dropped into a copy of data/ and reloaded with the real build (a worker
 * thread), through a moderator's /reload on the fake Telegram: the answer
 * names the file and the limit, and the bot keeps answering from its data.
 */
const RELOAD_REPLY_MS = 30_000;
const ALICE = user(7301, 'Alice');

let tg: TelegramTest | undefined;
let dir: string | undefined;
const curators: Curator[] = [];
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
  for (const c of curators.splice(0)) await c.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function botOnDataCopy(env: Record<string, string> = {}): Promise<{ tg: TelegramTest; dir: string }> {
  dir = mkdtempSync(join(tmpdir(), 'attack-data-'));
  cpSync('data', dir, { recursive: true });
  const data = dir;
  tg = await startTelegram({
    env: { DATA_DIR: data },
    core: createCore(await realKnowledgeBase()),
    // The curator boot makes: the default build (a worker thread with its heap limit), data limits from the configuration.
    deps: async (base) => {
      const curator = await createCurator(loadConfig({ DATA_DIR: data, DB_PATH: ':memory:', WATCH_DATA: 'false', ...env }), base.core, base.logger);
      curators.push(curator);
      return { ...base, curator };
    },
  });
  return { tg, dir: data };
}

const reload = (t: TelegramTest) => t.say(privateChat(MODERATOR), MODERATOR, '/reload', undefined, RELOAD_REPLY_MS).then((c) => c.plain ?? '');
const ask = (t: TelegramTest) => t.say(privateChat(ALICE), ALICE, 'how much gas will russia send iran?').then((c) => c.plain ?? '');

describe('attack: hostile data files', { timeout: 3 * RELOAD_REPLY_MS }, () => {
  it('a 10 MB flat YAML list is refused before it is parsed, naming the file and the limit; the bot keeps answering', async () => {
    const { tg, dir } = await botOnDataCopy();
    writeFileSync(join(dir, 'topics', 'flood.yaml'), '- a\n'.repeat((10 * 1024 * 1024) / 4));
    const text = await reload(tg);
    expect(text).toMatch(/^Reload rejected; still answering from the previous data\./);
    expect(text).toMatch(/topics\/flood\.yaml: \(file\): is 10\.0 MB, over the limit of 512 KB per data file \(DATA_MAX_FILE_KB\); not read/);
    expect(await ask(tg)).toMatch(/55 billion/);
    expect(tg.lines.join('\n')).not.toMatch(/no build thread/);
  });

  it('an alias bomb (60 KB that expands past 60 MB) is refused, naming the file; the bot keeps answering', async () => {
    const { tg, dir } = await botOnDataCopy();
    const anchor = `a: &a [${Array.from({ length: 1000 }, () => '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"').join(',')}]`;
    writeFileSync(join(dir, 'topics', 'bomb.yaml'), `${anchor}\nb: [${Array.from({ length: 2000 }, () => '*a').join(',')}]\n`);
    const text = await reload(tg);
    expect(text).toMatch(/topics\/bomb\.yaml: \(file\): its aliases expand it beyond the limit of 512 KB per data file \(DATA_MAX_FILE_KB\)/);
    expect(await ask(tg)).toMatch(/55 billion/);
  });

  it('a named pipe is not read (no hang): /reload answers naming it, and a later valid edit loads', async () => {
    const { tg, dir } = await botOnDataCopy();
    const pipe = join(dir, 'topics', 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    expect(await reload(tg)).toMatch(/topics\/pipe\.yaml: \(file\): is a named pipe, not a regular file; not read/);
    expect(tg.logs().some((l) => l.msg.startsWith('data reload rejected') && JSON.stringify(l.issues).includes('pipe.yaml'))).toBe(true);

    unlinkSync(pipe);
    const gas = join(dir, 'topics', 'gas.yaml');
    writeFileSync(gas, readFileSync(gas, 'utf8').replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (curated edit).'));
    expect(await reload(tg)).toMatch(/^Data reloaded: \d+ topics/);
    expect(await ask(tg)).toContain('(curated edit)');
  });

  it('data past the total limit is refused, naming the file that crossed it and the setting', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attack-data-'));
    cpSync('data', dir, { recursive: true });
    // Forty files of 400 KB each: every one under the per-file limit, 16 MB together.
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'topics', `zz-${String(i).padStart(2, '0')}.yaml`), `# ${'x'.repeat(400 * 1024)}\n`);
    const data = dir;
    tg = await startTelegram({
      env: { DATA_DIR: data },
      core: createCore(await realKnowledgeBase()),
      deps: async (base) => {
        const curator = await createCurator(loadConfig({ DATA_DIR: data, DB_PATH: ':memory:', WATCH_DATA: 'false' }), base.core, base.logger);
        curators.push(curator);
        return { ...base, curator };
      },
    });
    const text = await reload(tg);
    expect(text).toMatch(/topics\/zz-\d\d\.yaml: \(file\): is 401 KB, which takes the data past its total limit of 8\.0 MB \(DATA_MAX_TOTAL_MB\); not read/);
    expect(await ask(tg)).toMatch(/55 billion/);
  });

  it('a file that runs the build thread out of memory (size limits raised) is a rejected reload naming the file and the heap limit, never retried on the main thread', async () => {
    const { tg, dir } = await botOnDataCopy({ DATA_MAX_FILE_KB: '20000', DATA_MAX_TOTAL_MB: '40', DATA_BUILD_MEMORY_MB: '128' });
    writeFileSync(join(dir, 'topics', 'flood.yaml'), `[${'1,'.repeat(5_000_000)}1]\n`);
    const text = await reload(tg);
    expect(text).toMatch(/: \(file\): the build ran out of memory \(limit 128 MB, DATA_BUILD_MEMORY_MB\) while at .*topics\/flood\.yaml/);
    expect(text).toMatch(/topics\/flood\.yaml: \(file\)/);
    expect(await ask(tg)).toMatch(/55 billion/);
    expect(tg.lines.join('\n')).not.toMatch(/no build thread/);
  });
});
