import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../src/core/core.js';
import { DataError, loadKnowledgeBase } from '../../src/core/data/load.js';
import { BuildFailure } from '../../src/curator/build.js';
import { createWorkerBuild, type WorkerBuild } from '../../src/curator/build-worker.js';
import { buildInProcess, createReloader } from '../../src/curator/reload.js';
import { TRAINING } from '../../src/curator/build-protocol.js';
import { reloadText } from '../../src/core/conversation/features/reload.js';
import { capturingLogger } from '../support/log.js';

const dirs: string[] = [];
const builds: WorkerBuild[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const b of builds.splice(0)) b.close();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dataCopy(): Promise<{ dir: string; gas: string; original: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-build-'));
  dirs.push(dir);
  await cp('data', dir, { recursive: true });
  const gas = join(dir, 'topics/gas.yaml');
  return { dir, gas, original: await readFile(gas, 'utf8') };
}
function edit(original: string): string {
  const edited = original.replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (curated edit).');
  if (edited === original) throw new Error('test data changed: the edited sentence is gone from topics/gas.yaml');
  return edited;
}
const gasLead = (core: Core) => {
  const r = core.ask('how much gas a year').reply;
  return r.kind === 'answer' ? r.lead : '';
};
function threads(opts: Omit<Parameters<typeof createWorkerBuild>[0], 'logger'> = {}) {
  const log = capturingLogger();
  const build = createWorkerBuild({ logger: log.logger, ...opts });
  builds.push(build);
  return { build, log };
}

/** Resolves once the build thread has trained and blocked on `hold` (see BuildRequest.holdAfterTraining). */
function held(hold: Int32Array): Promise<unknown> {
  const wait = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: unknown } }).waitAsync(hold, 0, 0);
  return wait.async ? (wait.value as Promise<unknown>) : Promise.resolve(wait.value);
}
function release(hold: Int32Array): void {
  Atomics.store(hold, 0, 2);
  Atomics.notify(hold, 0);
}

/** A copy of the data with a valid edit, a core on the unedited copy, and a reloader whose build thread holds after training. */
async function editedDataWithHeldBuild() {
  const { dir, gas, original } = await dataCopy();
  const core = createCore(await loadKnowledgeBase(dir));
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const { build, log } = threads({ holdAfterTraining: hold });
  const reloader = createReloader({ dir, core, logger: log.logger, watch: false, build: build.build });
  await writeFile(gas, edit(original));
  return { dir, core, hold, build, log, reloader };
}

describe('building new data in a worker thread', { timeout: 60_000 }, () => {
  it('keeps answering from the old data on this thread while the build is in flight; the new data arrives later', async () => {
    const { dir, core, hold, build, log, reloader } = await editedDataWithHeldBuild();

    const pending = reloader.reload('test');
    // The build thread trains, then blocks; a build on this thread would block it here instead and never get this far.
    const first = await Promise.race([held(hold).then(() => 'trained elsewhere'), pending.then(() => 'finished first')]);
    expect(first).toBe('trained elsewhere');
    expect(build.running).toBe(1);
    expect(gasLead(core)).not.toContain('(curated edit)');
    const version = core.version;

    release(hold);
    expect(await pending).toMatchObject({ ok: true, changed: true });
    expect(core.version).not.toBe(version);
    expect(gasLead(core)).toContain('(curated edit)');
    expect(core.kb).toEqual(await loadKnowledgeBase(dir));
    expect(build.running).toBe(0);
    expect(log.text()).toMatch(/data built in a worker thread/);
    reloader.close();
  });

  it('rejects invalid data with every issue intact (file, path, reason) across the thread boundary', async () => {
    const { dir, gas, original } = await dataCopy();
    await writeFile(gas, original.replace(/asks: \[how_much\]/, 'asks: [how_many]'));
    await writeFile(join(dir, 'sources.yaml'), 'sources: [\n');
    const { build, log } = threads();

    const err = await build.build(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const inProcess = await loadKnowledgeBase(dir).catch((e: unknown) => e);
    expect((err as DataError).issues).toEqual((inProcess as DataError).issues);
    expect((err as DataError).issues.map((i) => `${i.file}: ${i.path}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/topics\/gas\.yaml: facts\[0\]\.asks\[0\]$/), expect.stringMatching(/sources\.yaml: line \d+$/)]),
    );
    expect(build.running).toBe(0);
    expect(log.text()).not.toMatch(/no build thread/);
  });

  it('builds on the main thread, with one warning, only when no build thread can start', async () => {
    const { dir, gas, original } = await dataCopy();
    await writeFile(gas, edit(original));
    const { build, log } = threads({ entry: new URL('./no-such-build-thread.mjs', import.meta.url) });

    const { kb, matcher } = await build.build(dir);
    const core = createCore(await loadKnowledgeBase('data'));
    core.replace(kb, matcher);
    expect(gasLead(core)).toContain('(curated edit)');
    const warnings = log.lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: expect.stringMatching(/no build thread/), reason: 'the build thread could not start' });
    expect(build.running).toBe(0);
  });

  it('rejects a build whose thread runs out of memory, naming the limit, and never retries it on the main thread', async () => {
    const { dir, gas, original } = await dataCopy();
    await writeFile(gas, edit(original));
    // A heap far too small for the build thread: it is stopped for running out of memory.
    const { build, log } = threads({ resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });

    const err = await build.build(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildFailure);
    expect((err as Error).message).toMatch(/ran out of memory \(limit 8 MB, DATA_BUILD_MEMORY_MB\)/);
    expect((err as Error & { cause?: { code?: string } }).cause?.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    expect(log.text()).not.toMatch(/no build thread/);
    expect(build.running).toBe(0);
  });

  it('ends a build in flight on close: no thread left, the old data still answers', async () => {
    const { dir, core, hold, build, log, reloader } = await editedDataWithHeldBuild();
    const version = core.version;

    const pending = reloader.reload('test');
    await held(hold);
    build.close();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.issues[0]?.message).toMatch(/shutting down/);
    expect(build.running).toBe(0);
    expect(core.version).toBe(version);
    expect(gasLead(core)).not.toContain('(curated edit)');
    expect(log.text()).not.toMatch(/no build thread/);
    await expect(build.build(dir)).rejects.toThrow(/shutting down/);
    reloader.close();
  });

  it('stops a build that passes the reload deadline: a timed-out result naming where it was, logged; the next reload applies', async () => {
    const { dir, core, hold, build, log } = await editedDataWithHeldBuild();
    const version = core.version;
    let holding = true;
    // The first build holds after training (until released). The deadline's clock is faked, so it passes exactly when the test says.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const reloader = createReloader({
      dir,
      core,
      logger: log.logger,
      watch: false,
      timeoutMs: 60_000,
      build: (d, o) => (holding ? build.build(d, o) : buildInProcess(d, o)),
    });

    const pending = reloader.reload('test');
    await held(hold);
    vi.advanceTimersByTime(60_000);
    vi.useRealTimers();
    const result = await pending;
    expect(result).toMatchObject({
      ok: false,
      timedOut: true,
      issues: [{ message: expect.stringMatching(/^the reload timed out after 60 s and was stopped/) }],
    });
    // Where the build was when stopped: starting (the data folder), reading a file, or training.
    const at = result.ok ? '' : result.issues[0]!.file;
    expect(at === dir || at === TRAINING || at.endsWith('.yaml') || at.endsWith('.txt')).toBe(true);
    expect(reloadText(result, 'en')).toMatch(/^Reload timed out and was stopped; still answering from the previous data\.\n• /);
    expect(core.version).toBe(version);
    expect(build.running).toBe(0);
    expect(log.lines().some((l) => l.msg === 'data reload timed out; still answering from the previous data')).toBe(true);
    release(hold);

    holding = false;
    expect(await reloader.reload('test')).toMatchObject({ ok: true, changed: true });
    expect(gasLead(core)).toContain('(curated edit)');
    reloader.close();
  });
});
