import type { BotProcess } from './bot-process.js';
import { spread, type Spread } from './stats.js';

/** What one pass (one platform, with or without faults) measured. */
export interface PassResult {
  name: string;
  platform: 'telegram' | 'discord';
  faults: boolean;
  /** Updates / interactions that reached the bot's input (webhook POSTs written, gateway events dispatched). */
  sent: number;
  /** Successful replies counted at the fake (sendMessage / interaction callbacks). */
  replies: number;
  /** Inputs that got no reply. */
  lost: number;
  /** Replies beyond the first for one input. */
  duplicates: number;
  /** Replies whose content differs from the reference reply to the same question (cross-talk, corruption). */
  wrong: number;
  /** Replies to chats / interactions the bench never sent. */
  stray: number;
  /** Input side: webhook requests/s (Telegram) or gateway dispatches/s (Discord). */
  inputPerSecond: number;
  /** From the first input to the last reply. */
  endToEndPerSecond: number;
  /** Webhook POST latency from autocannon (Telegram only). */
  httpLatency?: Spread;
  /** Input → reply at the fake. */
  replyLatency: Spread;
  http?: { non2xx: number; errors: number; timeouts: number };
  injected: number;
  /** Failed attempts the fake answered (429, 5xx, dropped), each one retried by the bot. */
  failedAttempts: number;
  /** The bot's own warnings about them (network retries, rate limits). */
  retryWarnings: number;
  /** Gateway resumes (Discord). */
  resumes?: number;
  bot: {
    cpuMs?: number;
    /** CPU time / wall time during the run: 100 means one core busy. */
    cpuPercent?: number;
    /** CPU time per input (ms): what one update costs the bot, whatever else runs on the machine. */
    cpuPerInputMs?: number;
    /** The bot's event-loop delay during the run (ms). */
    loopDelay?: { p50: number; p99: number; max: number };
    exitCode: number | null;
    crashed: boolean;
    errors: number;
    fatal: number;
    warnings: Record<string, number>;
    leaks: number;
    samples: string[];
    warningSamples: string[];
  };
  /** CPU of the bench process itself (load generator and fake platform) during the run, % of one core. */
  harnessCpuPercent: number;
  /** Its CPU time per input (ms). */
  harnessCpuPerInputMs: number;
  wallMs: number;
  /** With --profile: where the bot's CPU went. */
  profile?: string;
  problems: string[];
  ok: boolean;
}

/** The bench process's own CPU (load generator + fake) over the pass: % of one core and ms per input. */
export function harnessFigures(used: NodeJS.CpuUsage, wallMs: number, inputs: number) {
  const ms = (used.user + used.system) / 1000;
  return {
    harnessCpuPercent: wallMs > 0 ? Math.round((ms / wallMs) * 100) : 0,
    harnessCpuPerInputMs: inputs > 0 ? Math.round((ms / inputs) * 100) / 100 : 0,
  };
}

/** Lost, duplicated and stray replies from the replies counted per input index. */
export function tally(sent: number, replyIndexes: ReadonlyArray<number | undefined>) {
  const counts = new Array<number>(sent).fill(0);
  let stray = 0;
  for (const i of replyIndexes) {
    if (i === undefined || !Number.isInteger(i) || i < 0 || i >= sent) stray += 1;
    else counts[i]! += 1;
  }
  return {
    lost: counts.filter((c) => c === 0).length,
    duplicates: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
    stray,
  };
}

export async function botFigures(
  bot: BotProcess,
  cpuBefore: number | undefined,
  cpuAfter: number | undefined,
  wallMs: number,
  inputs: number,
  loopDelay: { p50: number; p99: number; max: number } | undefined,
): Promise<PassResult['bot']> {
  const crashedBefore = bot.crashed();
  const end = await bot.stop();
  const logs = bot.logs();
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    ...(cpuMs !== undefined
      ? { cpuMs, cpuPercent: wallMs > 0 ? Math.round((cpuMs / wallMs) * 100) : 0, cpuPerInputMs: inputs > 0 ? Math.round((cpuMs / inputs) * 100) / 100 : 0 }
      : {}),
    ...(loopDelay ? { loopDelay } : {}),
    exitCode: end.code,
    crashed: crashedBefore || end.crashed,
    errors: Object.values(logs.errors).reduce((a, b) => a + b, 0),
    fatal: logs.fatal,
    warnings: logs.warnings,
    leaks: logs.leaks,
    samples: logs.samples,
    warningSamples: logs.warningSamples,
  };
}

/** The contract: every input answered exactly once with the right reply, and a bot that neither crashed nor logged errors. */
export function judge(r: Omit<PassResult, 'problems' | 'ok'>): PassResult {
  const problems: string[] = [];
  if (r.sent === 0) problems.push('nothing was sent');
  if (r.lost) problems.push(`${r.lost} lost`);
  if (r.duplicates) problems.push(`${r.duplicates} duplicate replies`);
  if (r.wrong) problems.push(`${r.wrong} wrong replies`);
  if (r.stray) problems.push(`${r.stray} stray replies`);
  if (r.bot.crashed) problems.push('the bot process crashed');
  if (r.bot.exitCode !== 0) problems.push(`the bot exited with ${r.bot.exitCode}`);
  if (r.bot.errors || r.bot.fatal) problems.push(`${r.bot.errors} error lines logged (${r.bot.fatal} fatal)`);
  if (r.bot.leaks) problems.push(`${r.bot.leaks} log lines contain a secret`);
  if (r.http && (r.http.non2xx || r.http.errors)) problems.push(`webhook: ${r.http.non2xx} non-2xx, ${r.http.errors} errors`);
  if (r.faults && r.failedAttempts === 0) problems.push('no fault was actually injected');
  return { ...r, problems, ok: problems.length === 0 };
}

export { spread };
