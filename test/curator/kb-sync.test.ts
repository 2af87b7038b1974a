import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { prepareInProcess } from '../../src/curator/build.js';
import { createCurator } from '../../src/curator/curator.js';
import { createKnowledgeSync, type KnowledgeSync } from '../../src/curator/kb-sync.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import { createOpsStatus } from '../../src/ops/status.js';
import { openStore } from '../../src/store/open-store.js';
import type { BotStore } from '../../src/store/resilient.js';
import { realKnowledgeBase } from '../support/core.js';
import { dataWithout } from '../support/data-without.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';

/**
 * Two processes' knowledge syncs on one PostgreSQL (in this test process: two
 * stores, two cores), both told to reload the same edited data at once, as
 * file watching on a shared data folder does: one trains, the other imports.
 */
describe('reload everywhere, train once', () => {
  let dir: string;
  const stores: BotStore[] = [];
  const syncs: KnowledgeSync[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-kbsync-'));
    cpSync('data', dir, { recursive: true });
    const config = loadConfig({ DATABASE_URL: await freshDatabase('kbsync'), ID_HASH_SECRET: 'shared-secret-for-every-host-0123', LOG_LEVEL: 'silent' });
    for (let i = 0; i < 2; i += 1) stores.push(await openStore(config, capturingLogger().logger, { secret: config.ID_HASH_SECRET! }));
  });
  afterAll(async () => {
    for (const s of syncs) await s.close();
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two processes reloading the same new data at once train it once; both answer from it; the census counts both', async () => {
    const kb = await realKnowledgeBase();
    const cores = [createCore(kb), createCore(kb)];
    for (const [i, store] of stores.entries()) {
      const sync = createKnowledgeSync({ store, core: cores[i]!, logger: capturingLogger().logger, prepare: prepareInProcess, buildWaitMs: 60_000 });
      await sync.start();
      syncs.push(sync);
    }
    const gasFile = join(dir, 'topics', 'gas.yaml');
    writeFileSync(gasFile, readFileSync(gasFile, 'utf8').replace('Natural gas partnership', 'Natural gas deal'));
    const built = await Promise.all(syncs.map((s) => s.build(dir)));
    expect(syncs.map((s) => s.trainings).reduce((a, b) => a + b, 0)).toBe(1);
    expect(built[0]!.kb.version).toBe(built[1]!.kb.version);
    expect(built[0]!.kb.version).not.toBe(kb.version);
    for (const [i, b] of built.entries()) {
      cores[i]!.replace(b.kb, b.matcher);
      const reply = cores[i]!.ask('how much gas will russia send iran?').reply;
      expect(reply.kind === 'answer' && reply.title).toBe('Natural gas deal');
    }
    await syncs[0]!.applied(built[0]!.kb.version);
    expect(await syncs[0]!.census(built[0]!.kb.version)).toEqual([{ version: built[0]!.kb.version, processes: 2 }]);
    // Metrics (for the operations endpoint) expose the version this process runs and the census.
    const metrics = await createOpsStatus({ core: cores[0]!, store: stores[0]!, sync: syncs[0]! }).metrics();
    expect(metrics).toContain(`partnership_kb_info{version="${built[0]!.kb.version}"} 1`);
    expect(metrics).toContain(`partnership_kb_processes{version="${built[0]!.kb.version}"} 2`);
    expect(metrics).toContain('partnership_store_up{backend="postgres"} 1');
  }, 120_000);
});

describe('a version another process announced', () => {
  it('is rechecked in the inbox by a process that imports it, when the announcer did not (killed right after announcing), and only once', async () => {
    // The data this process starts from has no gas topic; the announced version has it.
    const data = await dataWithout('gas');
    const before = data.dir;
    const after = mkdtempSync(join(tmpdir(), 'pb-kbsync-adopt-'));
    cpSync('data', after, { recursive: true });
    const config = loadConfig({
      DATABASE_URL: await freshDatabase('adopt'),
      ID_HASH_SECRET: 'shared-secret-for-every-host-0123',
      LOG_LEVEL: 'silent',
      DATA_DIR: before,
      WATCH_DATA: 'false',
    });
    const open = () => openStore(config, capturingLogger().logger, { secret: config.ID_HASH_SECRET! });
    const [mine, theirs] = [await open(), await open()];
    const core = createCore(await loadKnowledgeBase(before));
    const curator = await createCurator(config, core, capturingLogger().logger, { store: mine, prepare: prepareInProcess, watch: false });
    const announcer = createKnowledgeSync({
      store: theirs,
      core: createCore(await realKnowledgeBase()),
      logger: capturingLogger().logger,
      prepare: prepareInProcess,
    });
    try {
      await announcer.start();
      await curator.idle();
      core.forPlatform('telegram').ask('How much gas will Russia supply to Iran a year?');
      await mine.flush();
      const [question] = await mine.inbox();

      const built = await announcer.build(after);
      await announcer.applied(built.kb.version);
      // The census waits until every live process reports the announced version: this one, once it imported it.
      expect(await announcer.census(built.kb.version)).toEqual([{ version: built.kb.version, processes: 2 }]);
      expect(core.version).toBe(built.kb.version);
      await curator.idle();
      await mine.flush();
      expect(await mine.inboxItem(question!.id)).toMatchObject({ answeredNow: { topic: 'gas', version: built.kb.version } });
      expect((await mine.reloads(5)).filter((r) => r.version === built.kb.version)).toEqual([
        expect.objectContaining({ reason: `version ${built.kb.version} announced by another process`, answeredNow: 1 }),
      ]);
      // Announced again (another process's reload of the same data): nothing to do twice.
      await announcer.applied(built.kb.version);
      await announcer.census(built.kb.version);
      await curator.idle();
      await mine.flush();
      expect((await mine.reloads(5)).filter((r) => r.version === built.kb.version)).toHaveLength(1);
    } finally {
      await announcer.close();
      await curator.close();
      await mine.close();
      await theirs.close();
      await data.remove();
      rmSync(after, { recursive: true, force: true });
    }
  }, 120_000);
});
