import type { AnalyticsRow } from '../store/contract.js';

/** Counts summed over any grouping of analytics rows: a row's counts without its day, surface, language and topic. */
export type Totals = Omit<AnalyticsRow, 'day' | 'surface' | 'lang' | 'topic'>;

const ZERO: Totals = { asked: 0, answered: 0, didYouMean: 0, declined: 0, smallTalk: 0, up: 0, down: 0 };

export function total(rows: readonly AnalyticsRow[]): Totals {
  const t = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as (keyof Totals)[]) t[k] += r[k];
  return t;
}

/**
 * The share of questions answered, small talk left out (a greeting is not a question
 * the data could answer); null when nothing was asked.
 */
export function answerRate(t: Totals): number | null {
  const questions = t.asked - t.smallTalk;
  return questions > 0 ? t.answered / questions : null;
}

/** Rows summed by a key (a day, a topic, a language, a surface), keys in order. */
export function totalsBy(rows: readonly AnalyticsRow[], key: (r: AnalyticsRow) => string): Array<{ key: string } & Totals> {
  const groups = new Map<string, AnalyticsRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.keys()].sort().map((k) => ({ key: k, ...total(groups.get(k)!) }));
}

const DAY = 86_400_000;

/** The answer rate of the last `days` days against the `days` before them (the trend), at `now`. */
export function rateTrend(rows: readonly AnalyticsRow[], now: number, days = 7): { current: number | null; previous: number | null; change: number | null } {
  const day = (offset: number) => new Date(now - offset * DAY).toISOString().slice(0, 10);
  const within = (from: string, to: string) => rows.filter((r) => r.day > from && r.day <= to);
  const current = answerRate(total(within(day(days), day(0))));
  const previous = answerRate(total(within(day(2 * days), day(days))));
  return { current, previous, change: current !== null && previous !== null ? current - previous : null };
}

export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
