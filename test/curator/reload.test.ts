import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import { reloadText } from '../../src/core/conversation/features/reload.js';
import { createReloader, type ReloadResult } from '../../src/curator/reload.js';
import { capturingLogger } from '../support/log.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function dataCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'pb-reload-'));
  dirs.push(dir);
  await cp('data', dir, { recursive: true });
  return dir;
}
const gasLead = (core: ReturnType<typeof createCore>) => {
  const r = core.ask('how much gas a year').reply;
  return r.kind === 'answer' ? r.lead : '';
};

describe('hot reload', { timeout: 60_000 }, () => {
  it('swaps in edited data and keeps the old data when an edit is invalid', async () => {
    const dir = await dataCopy();
    const core = createCore(await loadKnowledgeBase(dir));
    const log = capturingLogger();
    const reloader = createReloader({ dir, core, logger: log.logger, watch: false });
    const gas = join(dir, 'topics/gas.yaml');
    const original = await readFile(gas, 'utf8');

    const edited = original.replace('of natural gas to Iran a year.', 'of natural gas to Iran a year (curated edit).');
    expect(edited).not.toBe(original);
    await writeFile(gas, edited);
    const ok = await reloader.reload('test');
    expect(ok).toMatchObject({ ok: true, changed: true });
    expect(gasLead(core)).toContain('(curated edit)');
    const version = core.version;

    await writeFile(gas, original.replace(/asks: \[how_much\]/, 'asks: [how_many]'));
    const bad = await reloader.reload('test');
    expect(bad.ok).toBe(false);
    expect(core.version).toBe(version);
    expect(gasLead(core)).toContain('(curated edit)');
    const text = reloadText(bad, 'en');
    expect(text).toMatch(/Reload rejected; still answering from the previous data/);
    expect(text).toMatch(/topics\/gas\.yaml: facts\[0\]\.asks\[0\]: /);
    expect(log.text()).toMatch(/data reload rejected/);
    // The default build: a worker thread, with no fallback to the main thread.
    expect(log.text().match(/data built in a worker thread/g)).toHaveLength(1);
    expect(log.text()).not.toMatch(/no build thread/);
    reloader.close();
  });

  it('picks up a file change by itself, debounced into one reload', async () => {
    const dir = await dataCopy();
    const core = createCore(await loadKnowledgeBase(dir));
    const results: ReloadResult[] = [];
    let resolve!: (r: ReloadResult) => void;
    const reloaded = new Promise<ReloadResult>((r) => (resolve = r));
    const reloader = createReloader({
      dir,
      core,
      logger: capturingLogger().logger,
      watch: true,
      debounceMs: 50,
      onResult: (r) => {
        results.push(r);
        resolve(r);
      },
    });
    const gas = join(dir, 'topics/gas.yaml');
    const original = await readFile(gas, 'utf8');
    for (let i = 1; i <= 3; i++) await writeFile(gas, original.replace('up to 55 bcm a year', `up to 55 bcm a year (edit ${i})`));
    const result = await reloaded;
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(core.card('gas').kind === 'card' && JSON.stringify(core.card('gas'))).toContain('(edit 3)');
    expect(results).toHaveLength(1);
    reloader.close();
  });

  it('runs concurrent reload requests once', async () => {
    const dir = await dataCopy();
    const core = createCore(await loadKnowledgeBase(dir));
    let builds = 0;
    const reasons: string[] = [];
    const reloader = createReloader({
      dir,
      core,
      logger: capturingLogger().logger,
      watch: false,
      onResult: (_r, reason) => reasons.push(reason),
      build: async (d) => {
        builds++;
        const { buildInProcess } = await import('../../src/curator/reload.js');
        return buildInProcess(d);
      },
    });
    const [a, b] = await Promise.all([reloader.reload('one'), reloader.reload('two')]);
    expect(a).toEqual(b);
    expect(builds).toBe(2); // the first run, then one more for the request that arrived during it
    expect(reasons).toEqual(['one', 'two (asked during a reload)']); // each run logged under the reason that asked for it
    reloader.close();
  });
});
