import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { parseReportArgs } from '../../src/curator/report-args.js';
import { recordQuestions } from '../../src/curator/record.js';
import { openCuratorStore } from '../../src/curator/store.js';
import { spawnBot } from '../support/bot-process.js';
import { realKnowledgeBase } from '../support/core.js';
import { capturingLogger } from '../support/log.js';

let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-report-'));
  dbPath = join(dir, 'bot.db');
  const store = openCuratorStore({ path: dbPath, retentionDays: 90, logger: capturingLogger().logger, secret: 'test-id-secret-0123456789' });
  const core = createCore(await realKnowledgeBase());
  const stop = recordQuestions(core, store);
  const telegram = core.forPlatform('telegram');
  telegram.ask('How much gas a year?');
  telegram.ask('How much gas does Russia deliver to Iran?');
  telegram.ask('Who won the chess olympiad?');
  core.forPlatform('discord').ask('Кто выиграл шахматную олимпиаду?');
  telegram.ask('hello');
  stop();
  store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function report(args: string[]) {
  const bot = spawnBot('src/entry/report.ts', { env: { DB_PATH: dbPath, DATA_DIR: 'data', LOG_LEVEL: 'warn' }, args });
  const [code] = await bot.exited;
  return { code, output: bot.output() };
}

describe('npm run report', { timeout: 60_000 }, () => {
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
