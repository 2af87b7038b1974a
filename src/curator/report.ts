import type { KnowledgeBase } from '../core/data/schema.js';
import type { AnalyticsRow, Helpfulness, InboxItem, InboxScope, InboxState } from '../store/contract.js';
import { StoreUnavailableError } from '../store/desk-access.js';
import type { BotStore } from '../store/resilient.js';
import { answerRate, percent, rateTrend, total, totalsBy, type Totals } from './analytics.js';

export interface ReportOptions {
  limit: number;
  /** Whose questions: every place (default), or one. */
  scope?: InboxScope;
  /** Only questions from the last N days. */
  days?: number;
  /** Only questions (and counts) from this time on (epoch ms); wins over `days`. */
  since?: number;
  /** Inbox questions in this state (default: open). */
  state?: InboxState;
  /** Only this language's questions and counts. */
  lang?: string;
  /** Longest report, in characters (platform message limits). */
  maxChars?: number;
  now?: number;
}

/** The report as data: what `--format json` prints and the text and CSV forms are made of. */
export interface ReportData {
  generatedAt: string;
  dataVersion: string;
  filter: { state: InboxState; since: string | null; lang: string | null };
  answerRate: { overall: number | null; last7Days: number | null; previous7Days: number | null; change: number | null };
  totals: Totals;
  byDay: Array<{ day: string; answerRate: number | null } & Totals>;
  byTopic: Array<{ topic: string } & Totals>;
  byLang: Array<{ lang: string } & Totals>;
  bySurface: Array<{ surface: string } & Totals>;
  analytics: AnalyticsRow[];
  inbox: InboxItem[];
  helpfulness: Helpfulness[];
}

/** The report's data from the store; rejects with a StoreUnavailableError when the database cannot answer. */
export async function reportData(store: BotStore, kb: KnowledgeBase, opts: ReportOptions): Promise<ReportData> {
  const now = opts.now ?? Date.now();
  const since = opts.since ?? (opts.days ? now - opts.days * 86_400_000 : undefined);
  const state = opts.state ?? 'open';
  const [analytics, inbox, helpfulness] = await Promise.all([
    store.analytics({ ...(since !== undefined ? { since } : {}), ...(opts.lang ? { lang: opts.lang } : {}) }),
    store.inbox({
      state,
      limit: opts.limit,
      ...(opts.scope ? { scope: opts.scope } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(opts.lang ? { lang: opts.lang } : {}),
    }),
    store.attempt(
      'read feedback',
      (b) => b.helpfulness(),
      () => {
        if (store.kind === 'off') return [];
        throw new StoreUnavailableError('cannot read the votes now: the database is lost, failing or too slow (see the log)');
      },
    ),
  ]);
  const totals = total(analytics);
  const trend = rateTrend(analytics, now);
  const rekey = <K extends string>(name: K, rows: Array<{ key: string } & Totals>) =>
    rows.map(({ key, ...t }) => ({ [name]: key, ...t }) as { [P in K]: string } & Totals);
  return {
    generatedAt: new Date(now).toISOString(),
    dataVersion: kb.version,
    filter: { state, since: since === undefined ? null : new Date(since).toISOString(), lang: opts.lang ?? null },
    answerRate: { overall: answerRate(totals), last7Days: trend.current, previous7Days: trend.previous, change: trend.change },
    totals,
    byDay: totalsBy(analytics, (r) => r.day).map(({ key, ...t }) => ({ day: key, answerRate: answerRate(t), ...t })),
    byTopic: rekey(
      'topic',
      totalsBy(analytics, (r) => r.topic),
    ),
    byLang: rekey(
      'lang',
      totalsBy(analytics, (r) => r.lang),
    ),
    bySurface: rekey(
      'surface',
      totalsBy(analytics, (r) => r.surface),
    ),
    analytics,
    inbox,
    helpfulness,
  };
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

const points = (change: number | null) => (change === null ? '' : `, ${change >= 0 ? '+' : '−'}${Math.abs(Math.round(change * 100))} points`);

export const RECORDING_OFF = 'Recording is switched off (DB_PATH is empty or the database could not be opened).';

/**
 * The curator's report as the bot gives it (/unanswered): the text below, or why there is none (recording off,
 * the database unavailable right now).
 */
export async function curatorReport(store: BotStore, kb: KnowledgeBase, opts: ReportOptions): Promise<string> {
  if (store.kind === 'off') return RECORDING_OFF;
  try {
    return reportText(await reportData(store, kb, opts), kb, opts);
  } catch (err) {
    if (err instanceof StoreUnavailableError) return `No report: ${err.message}.`;
    throw err;
  }
}

/**
 * The report as plain text: the answer rate and its trend, the inbox (similar questions grouped by normalised
 * text, with their id for resolving) and per-topic helpfulness from 👍/👎 votes.
 */
export function reportText(data: ReportData, kb: KnowledgeBase, opts: ReportOptions): string {
  const title = (id: string | null) => (id ? (kb.topics.find((t) => t.id === id)?.title.en ?? id) : '—');
  const { answerRate: rate } = data;
  const everywhere = 'all' in (opts.scope ?? { all: true });
  // The counts are every place's together: a place's moderators get their own questions, not the bot's whole traffic.
  const lines: string[] = [
    ...(everywhere
      ? [
          `Answer rate: ${percent(rate.overall)} of ${data.totals.asked - data.totals.smallTalk} questions; last 7 days ${percent(rate.last7Days)} (previous 7 days ${percent(rate.previous7Days)}${points(rate.change)})`,
        ]
      : []),
    `Top unanswered questions${everywhere ? '' : ' asked here'} (${data.filter.state}${opts.days && opts.since === undefined ? `, last ${opts.days} days` : ''}${opts.lang ? `, ${opts.lang}` : ''}):`,
  ];
  if (!data.inbox.length) lines.push('  none recorded');
  data.inbox.forEach((g, i) => {
    const date = new Date(g.lastSeen).toISOString().slice(0, 10);
    const fixed = g.answeredNow ? `; answered now: ${title(g.answeredNow.topic)}` : '';
    lines.push(
      `${String(i + 1).padStart(2)}. #${g.id} ×${g.count} "${clip(g.example, 80)}" (${g.langs.join(', ')}; ${g.surfaces.join(', ')}; last ${date}; best guess: ${title(g.guess)}, ${Math.round(g.confidence * 100)}%${fixed})`,
    );
  });
  lines.push('', 'Helpfulness by topic (👍 / 👎):');
  if (!data.helpfulness.length) lines.push('  no votes yet');
  for (const h of data.helpfulness) {
    const share = Math.round((100 * h.up) / Math.max(1, h.up + h.down));
    lines.push(`  ${title(h.topicId)}: ${h.up} / ${h.down} (${share}% helpful)`);
  }
  const text = lines.join('\n');
  const max = opts.maxChars ?? Infinity;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  // Quoted when needed (RFC 4180); a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const csv = (header: string[], rows: unknown[][]) => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');

/** The analytics as CSV: one row per day, surface, language and topic. */
export function analyticsCsv(data: ReportData): string {
  const header = ['day', 'surface', 'lang', 'topic', 'asked', 'answered', 'did_you_mean', 'declined', 'small_talk', 'up', 'down'];
  return csv(
    header,
    data.analytics.map((r) => [r.day, r.surface, r.lang, r.topic, r.asked, r.answered, r.didYouMean, r.declined, r.smallTalk, r.up, r.down]),
  );
}

/** The inbox as CSV: one row per group of similar questions. */
export function inboxCsv(data: ReportData): string {
  const header = [
    'id',
    'state',
    'count',
    'example',
    'langs',
    'surfaces',
    'first_seen',
    'last_seen',
    'guess',
    'confidence',
    'answered_now_topic',
    'answered_now_version',
  ];
  return csv(
    header,
    data.inbox.map((g) => [
      g.id,
      g.state,
      g.count,
      g.example,
      g.langs,
      g.surfaces,
      new Date(g.firstSeen).toISOString(),
      new Date(g.lastSeen).toISOString(),
      g.guess,
      g.confidence.toFixed(3),
      g.answeredNow?.topic,
      g.answeredNow?.version,
    ]),
  );
}
