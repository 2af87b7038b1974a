import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { parseReportArgs } from '../../src/curator/report-args.js';
import { recordQuestions } from '../../src/curator/record.js';
import { openStore } from '../../src/store/open-store.js';
import { spawnBot } from '../support/bot-process.js';
import { realKnowledgeBase } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { freshDatabase } from '../support/postgres.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const SECRET = 'test-id-secret-0123456789';
/** The store settings the report is run with: a SQLite file, or PostgreSQL (DATABASE_URL, with the secret every host shares). */
const BACKENDS: Array<{ name: string; env(dir: string): Promise<Record<string, string>> }> = [
  { name: 'SQLite', env: async (dir) => ({ DB_PATH: join(dir, 'bot.db') }) },
  { name: 'PostgreSQL', env: async (dir) => ({ DATABASE_URL: await freshDatabase('report'), ID_HASH_SECRET: SECRET, STORE_SPOOL_DIR: join(dir, 'spool') }) },
];

describe.each(BACKENDS)('npm run report, on $name', { timeout: 60_000 }, (backend) => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-report-'));
    env = await backend.env(dir);
    const store = await openStore(loadConfig({ ...env, LOG_LEVEL: 'silent' }), capturingLogger().logger, { secret: SECRET });
    const core = createCore(await realKnowledgeBase());
    const stop = recordQuestions(core, store);
    const telegram = core.forPlatform('telegram');
    telegram.ask('How much gas a year?');
    telegram.ask('How much gas does Russia deliver to Iran?');
    telegram.ask('Who won the chess olympiad?');
    core.forPlatform('discord').ask('Кто выиграл шахматную олимпиаду?');
    telegram.ask('hello');
    stop();
    await store.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function report(args: string[]) {
    const bot = spawnBot('src/entry/report.ts', { env: { ...env, ID_HASH_SECRET: SECRET, DATA_DIR: 'data', LOG_LEVEL: 'warn' }, args });
    const [code] = await bot.exited;
    return { code, output: bot.output() };
  }

  it('--format json carries the analytics, the answer rate and the inbox', async () => {
    const { code, output } = await report(['--format', 'json']);
    expect(code, output).toBe(0);
    const data = JSON.parse(output);
    expect(data.totals).toMatchObject({ asked: 5, answered: 2, declined: 2, smallTalk: 1 });
    expect(data.answerRate.overall).toBe(0.5);
    expect(data.byLang.map((l: { lang: string; asked: number }) => [l.lang, l.asked])).toEqual([
      ['en', 4],
      ['ru', 1],
    ]);
    expect(data.bySurface.map((s: { surface: string }) => s.surface)).toEqual(['discord', 'telegram']);
    expect(data.byTopic.find((t: { topic: string }) => t.topic === 'gas')).toMatchObject({ asked: 2, answered: 2 });
    expect(data.inbox.map((i: { example: string; state: string }) => [i.example, i.state]).sort()).toEqual([
      ['Who won the chess olympiad?', 'open'],
      ['Кто выиграл шахматную олимпиаду?', 'open'],
    ]);
  });

  it('--format csv prints the analytics rows; --table inbox the inbox; --lang filters', async () => {
    const csv = await report(['--format', 'csv']);
    expect(csv.code, csv.output).toBe(0);
    const [header, ...rows] = csv.output.trim().split('\r\n');
    expect(header).toBe('day,surface,lang,topic,asked,answered,did_you_mean,declined,small_talk,up,down');
    const today = new Date().toISOString().slice(0, 10);
    expect(rows).toContain(`${today},telegram,en,gas,2,2,0,0,0,0,0`);
    expect(rows).toContain(`${today},discord,ru,,1,0,0,1,0,0,0`);
    const inbox = await report(['--format', 'csv', '--table', 'inbox', '--lang', 'ru']);
    const lines = inbox.output.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d+,open,1,Кто выиграл шахматную олимпиаду\?,ru,discord,/);
  });

  it('the text report shows the answer rate; a bad option exits 2 naming it', async () => {
    const text = await report(['--state', 'open', '--since', '7d']);
    expect(text.output).toMatch(/Answer rate: 50% of 4 questions; last 7 days 50%/);
    expect(text.output).toMatch(/#\d+ ×1 "Who won the chess olympiad\?" \(en; telegram;/);
    const bad = await report(['--state', 'closed']);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--state must be one of open, resolved, ignored/);
  });
});

describe('npm run report without its database', { timeout: 60_000 }, () => {
  it('says on stderr that PostgreSQL cannot be read and exits 1, printing no empty report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-report-'));
    // The database behind a proxy that resets every connection: lost.
    const database = new URL(await freshDatabase('report'));
    const proxy = await startTcpProxy(Number(database.port));
    proxy.cut();
    database.port = String(proxy.port);
    try {
      const env = { DATABASE_URL: database.toString(), ID_HASH_SECRET: SECRET, STORE_SPOOL_DIR: join(dir, 'spool'), DATA_DIR: 'data', LOG_LEVEL: 'silent' };
      for (const args of [['--format', 'json'], []]) {
        const bot = spawnBot('src/entry/report.ts', { env, args });
        const [code] = await bot.exited;
        expect(code, bot.output()).toBe(1);
        expect(bot.output()).toMatch(/^report: cannot read the (analytics|inbox) now: the postgres database is lost since /m);
        expect(bot.output()).not.toMatch(/Answer rate|"totals"/);
      }
    } finally {
      await proxy.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('report options', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('reads dates and days back, and refuses what it does not know', () => {
    expect(parseReportArgs(['--since', '2026-03-01'], now)).toMatchObject({ ok: true, options: { since: Date.parse('2026-03-01T00:00:00Z') } });
    expect(parseReportArgs(['--since', '7d'], now)).toMatchObject({ ok: true, options: { since: now - 7 * 86_400_000 } });
    expect(parseReportArgs(['--since', 'yesterday'], now)).toMatchObject({ ok: false });
    expect(parseReportArgs(['--format', 'xml'], now)).toMatchObject({ ok: false, error: '--format must be text, json or csv' });
    expect(parseReportArgs(['--colour', 'red'], now)).toMatchObject({ ok: false });
    expect(parseReportArgs([], now)).toMatchObject({ ok: true, format: 'text', table: 'analytics', options: { limit: 20 } });
  });
});
