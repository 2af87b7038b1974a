import type { KnowledgeBase } from '../core/data/schema.js';
import type { InboxScope } from '../store/contract.js';
import type { BotStore } from '../store/resilient.js';

export interface ReportOptions {
  limit: number;
  /** Whose questions: every place (default), or one. */
  scope?: InboxScope;
  /** Only questions from the last N days. */
  days?: number;
  /** Longest report, in characters (platform message limits). */
  maxChars?: number;
  now?: number;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

/**
 * The curator's report as plain text: the most frequent unanswered questions
 * (grouped by normalised text) and per-topic helpfulness from 👍/👎 votes.
 */
export async function curatorReport(store: BotStore, kb: KnowledgeBase, opts: ReportOptions): Promise<string> {
  if (store.kind === 'off') return 'Recording is switched off (DB_PATH is empty or the database could not be opened).';
  const now = opts.now ?? Date.now();
  const since = opts.days ? now - opts.days * 86_400_000 : 0;
  const title = (id: string | null) => (id ? (kb.topics.find((t) => t.id === id)?.title.en ?? id) : '—');
  const scope = opts.scope ?? { all: true };
  const where = 'all' in scope ? '' : ' asked here';
  const lines: string[] = [`Top unanswered questions${where}${opts.days ? ` (last ${opts.days} days)` : ''}:`];
  const top = await store.topUnanswered(opts.limit, since, scope);
  if (!top.length) lines.push('  none recorded');
  top.forEach((g, i) => {
    const date = new Date(g.lastSeen).toISOString().slice(0, 10);
    lines.push(`${String(i + 1).padStart(2)}. ×${g.count} "${clip(g.example, 80)}" (last ${date}; best guess: ${title(g.guess)}, ${Math.round(g.confidence * 100)}%)`);
  });
  lines.push('', 'Helpfulness by topic (👍 / 👎):');
  const votes = await store.helpfulness();
  if (!votes.length) lines.push('  no votes yet');
  for (const h of votes) {
    const share = Math.round((100 * h.up) / Math.max(1, h.up + h.down));
    lines.push(`  ${title(h.topicId)}: ${h.up} / ${h.down} (${share}% helpful)`);
  }
  const text = lines.join('\n');
  const max = opts.maxChars ?? Infinity;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
