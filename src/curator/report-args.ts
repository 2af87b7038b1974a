import { INBOX_STATES, type InboxState } from '../store/contract.js';
import type { ReportOptions } from './report.js';

export type ReportFormat = 'text' | 'json' | 'csv';
export type ParsedReportArgs = { ok: true; options: ReportOptions; format: ReportFormat; table: 'analytics' | 'inbox' } | { ok: false; error: string };

const DAY = 86_400_000;

/**
 * The report's command line. `--since` takes a UTC date (2026-01-31) or a number of
 * days back (7d); a bad value is an error naming the option, never a silent default.
 */
export function parseReportArgs(args: readonly string[], now: number = Date.now()): ParsedReportArgs {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? '') : undefined;
  };
  const known = new Set(['--limit', '--days', '--since', '--state', '--lang', '--format', '--table']);
  for (let i = 0; i < args.length; i += 2) if (!known.has(args[i]!)) return { ok: false, error: `unknown option ${args[i]} (known: ${[...known].join(' ')})` };
  const positive = (name: string, fallback: number): number | string => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : `${name} must be a whole number above 0`;
  };
  const limit = positive('--limit', 20);
  const days = positive('--days', 0 as number);
  if (typeof limit === 'string') return { ok: false, error: limit };
  if (typeof days === 'string') return { ok: false, error: days };
  const options: ReportOptions = { limit, now, ...(days ? { days } : {}) };
  const since = value('--since');
  if (since !== undefined) {
    const back = /^(\d{1,4})d$/.exec(since);
    const at = back ? now - Number(back[1]) * DAY : /^\d{4}-\d{2}-\d{2}$/.test(since) ? Date.parse(`${since}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(at)) return { ok: false, error: '--since must be a date (2026-01-31) or days back (7d)' };
    options.since = at;
  }
  const state = value('--state');
  if (state !== undefined) {
    if (!INBOX_STATES.includes(state as InboxState)) return { ok: false, error: `--state must be one of ${INBOX_STATES.join(', ')}` };
    options.state = state as InboxState;
  }
  const lang = value('--lang');
  if (lang !== undefined) {
    if (!/^[a-z]{2}$/.test(lang)) return { ok: false, error: '--lang must be a language code (en, ru, fa)' };
    options.lang = lang;
  }
  const format = value('--format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'csv') return { ok: false, error: '--format must be text, json or csv' };
  const table = value('--table') ?? 'analytics';
  if (table !== 'analytics' && table !== 'inbox') return { ok: false, error: '--table must be analytics or inbox' };
  return { ok: true, options, format, table };
}
