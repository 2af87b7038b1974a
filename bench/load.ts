/**
 * Load and fault bench: `npm run bench:load -- [--quick] [--json] [--only telegram|discord] [--no-faults] [--profile]`.
 *
 * Runs the bot as `npm start` does (src/main.ts, its own process) against the
 * local fake platforms on 127.0.0.1 and measures, per pass:
 *  - Telegram webhook: autocannon POSTs distinct updates; replies counted at the fake Bot API;
 *  - Discord: a burst of /ask INTERACTION_CREATE through the fake gateway; callbacks counted at the fake REST;
 *  - the same with faults mid-run (429 with retry_after, 5xx, reset or dropped connections; a gateway close and resume).
 * Prints one table (or one JSON object with --json) and exits 1 when any input
 * was lost, answered twice or wrongly, or the bot crashed or logged errors.
 * Throughput is reported against the target (≥ 1,000 Telegram updates/s), never asserted.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDiscord } from './load/discord.js';
import type { PassResult } from './load/pass.js';
import { runTelegram } from './load/telegram.js';
import { round, table } from './load/stats.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const quick = flag('--quick');
const json = flag('--json');
/** Run the bot with --cpu-prof and print where its CPU went, per pass. */
const profile = flag('--profile');
const profileDir = () => (profile ? { profileDir: mkdtempSync(join(tmpdir(), 'load-bench-profile-')) } : {});
const TARGET_TELEGRAM_PER_SECOND = 1000;

const size = quick
  ? { updates: 200, connections: 20, interactions: 100, budgetMs: 40_000, overallMs: 180_000 }
  : { updates: 2000, connections: 64, interactions: 1000, budgetMs: 90_000, overallMs: 600_000 };
/** Telegram updates sent before each measured pass so the bot runs JIT-optimised code, as a long-running one does (`--warmup 0`: a cold bot). */
const warmup = args.includes('--warmup') ? Number(args[args.indexOf('--warmup') + 1]) : quick ? 0 : size.updates;
// Quick: the fault passes only (they check everything the clean ones do). Full: clean, then with faults.
const faultModes = quick ? [true] : flag('--no-faults') ? [false] : [false, true];

// The bench stops by itself, whatever hangs.
const overall = setTimeout(() => {
  console.error(`load bench: overall timeout (${size.overallMs / 1000} s) reached; stopping`);
  process.exit(1);
}, size.overallMs);
overall.unref();

const machine = {
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  date: new Date().toISOString(),
  loadBefore: round(loadavg()[0]!, 2),
};

const results: PassResult[] = [];
const failures: string[] = [];
for (const faults of faultModes) {
  if (only !== 'discord') {
    await runTelegram({ updates: size.updates, connections: size.connections, faults, budgetMs: size.budgetMs, warmup, ...profileDir() }).then(
      (r) => results.push(r),
      (err: unknown) => failures.push(`telegram${faults ? ' + faults' : ''}: ${(err as Error).stack ?? String(err)}`),
    );
  }
  if (only !== 'telegram') {
    await runDiscord({ interactions: size.interactions, faults, budgetMs: size.budgetMs, ...profileDir() }).then(
      (r) => results.push(r),
      (err: unknown) => failures.push(`discord${faults ? ' + faults' : ''}: ${(err as Error).stack ?? String(err)}`),
    );
  }
}
const loadAfter = round(loadavg()[0]!, 2);
const telegramRates = results.filter((r) => r.platform === 'telegram' && !r.faults).map((r) => r.endToEndPerSecond);
const ok = failures.length === 0 && results.length > 0 && results.every((r) => r.ok);
const summary = {
  ok,
  quick,
  machine: { ...machine, loadAfter },
  target: {
    telegramUpdatesPerSecond: TARGET_TELEGRAM_PER_SECOND,
    met: telegramRates.length ? telegramRates.every((r) => r >= TARGET_TELEGRAM_PER_SECOND) : null,
  },
  passes: results,
  failures,
};

if (json) {
  console.log(JSON.stringify(summary));
} else {
  const ms = (x: number | undefined) => (x === undefined ? '–' : `${round(x)} ms`);
  const rows: Array<[string, (r: PassResult) => string]> = [
    ['inputs sent', (r) => String(r.sent)],
    ['replies counted at the fake', (r) => String(r.replies)],
    ['lost / duplicate / wrong / stray', (r) => `${r.lost} / ${r.duplicates} / ${r.wrong} / ${r.stray}`],
    ['input rate (webhook req/s | dispatch/s)', (r) => String(r.inputPerSecond)],
    ['end to end (replies/s, to last reply)', (r) => String(r.endToEndPerSecond)],
    ['webhook POST latency p50 / p99', (r) => (r.httpLatency ? `${ms(r.httpLatency.p50)} / ${ms(r.httpLatency.p99)}` : '–')],
    ['input → reply latency p50 / p99', (r) => `${ms(r.replyLatency.p50)} / ${ms(r.replyLatency.p99)}`],
    ['input → reply latency max', (r) => ms(r.replyLatency.max)],
    ['faults injected', (r) => String(r.injected)],
    ['failed attempts seen (retried)', (r) => String(r.failedAttempts)],
    ['retry warnings logged by the bot', (r) => String(r.retryWarnings)],
    ['gateway resumes', (r) => (r.resumes === undefined ? '–' : String(r.resumes))],
    ['bot CPU: % of one core | ms per input', (r) => (r.bot.cpuPercent === undefined ? '–' : `${r.bot.cpuPercent} % | ${r.bot.cpuPerInputMs} ms`)],
    ['bot event-loop delay p99 / max', (r) => (r.bot.loopDelay ? `${ms(r.bot.loopDelay.p99)} / ${ms(r.bot.loopDelay.max)}` : '–')],
    ['bench CPU (load generator + fake), same', (r) => `${r.harnessCpuPercent} % | ${r.harnessCpuPerInputMs} ms`],
    ['bot errors / crashed / exit', (r) => `${r.bot.errors} / ${r.bot.crashed ? 'yes' : 'no'} / ${r.bot.exitCode}`],
    ['result', (r) => (r.ok ? 'ok' : 'FAIL')],
  ];
  console.log(
    `load bench${quick ? ' (quick)' : ''}: ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, ${machine.date}, load average ${machine.loadBefore} → ${loadAfter}\n`,
  );
  console.log(
    table(
      ['', ...results.map((r) => r.name)],
      rows.map(([label, f]) => [label, ...results.map(f)]),
    ),
  );
  if (telegramRates.length) {
    console.log(
      `\ntarget ≥ ${TARGET_TELEGRAM_PER_SECOND} Telegram updates/s end to end: ${summary.target.met ? 'met' : 'NOT met'} (${telegramRates.join(', ')}/s)`,
    );
  }
  for (const r of results) {
    if (r.problems.length) console.log(`\n${r.name}: ${r.problems.join('; ')}`);
    for (const line of r.bot.samples) console.log(`  ${line}`);
    if (!r.faults) for (const line of r.bot.warningSamples) console.log(`  warning: ${line}`);
  }
  for (const r of results) if (r.profile) console.log(`\n${r.name}: ${r.profile}`);
  for (const f of failures) console.log(`\nFAILED ${f}`);
}
process.exit(ok ? 0 : 1);
