import { sourceRef, text } from './compose.js';
import type { KnowledgeBase, Lang } from './data/schema.js';
import { formatDate, t } from './i18n/index.js';
import type { CardReply, KeyFact } from './reply.js';

/** The card id of the whole-partnership overview (no topic has this id: ids are data, this is a view). */
export const OVERVIEW_ID = 'overview';

/** The topic whose short answer leads the overview and whose source it cites. */
export const OVERVIEW_TOPIC = 'treaty';

/** The overview's headline figures, by topic and fact id in data/topics/*.yaml. */
export const OVERVIEW_FIGURES = [
  { topic: 'gas', fact: 'annual-volume' },
  { topic: 'bilateral-trade', fact: 'value-2024' },
  { topic: 'local-currencies', fact: 'share' },
  { topic: 'treaty', fact: 'duration' },
] as const;

/**
 * The summary card for the whole partnership: the agreement's name (the title
 * of the source it is built from), the treaty's short answer, and the headline
 * figures. A figure whose topic or fact is missing from the data is left out.
 * Undefined when the data has no treaty topic.
 */
export function overviewCard(kb: KnowledgeBase, lang: Lang): CardReply | undefined {
  const treaty = kb.topics.find((x) => x.id === OVERVIEW_TOPIC);
  if (!treaty) return undefined;
  const figures: KeyFact[] = OVERVIEW_FIGURES.flatMap((ref) => {
    const fact = kb.topics.find((x) => x.id === ref.topic)?.facts.find((f) => f.id === ref.fact);
    return fact ? [{ label: text(fact.label, lang), value: text(fact.display, lang) }] : [];
  });
  const c = t(lang);
  const source = sourceRef(kb, treaty, lang);
  // The figures come from several paragraphs, so the line names the source without one.
  const asOf = source.asOf !== source.published ? `; ${c.asOf} ${formatDate(source.asOf, lang)}` : '';
  const line = `${c.source}: ${source.title}, ${formatDate(source.published, lang)}${asOf}`;
  return {
    kind: 'card',
    lang,
    topicId: OVERVIEW_ID,
    title: source.title,
    lead: text(treaty.short, lang),
    figures,
    source: { ...source, line },
    asOf: source.asOf,
  };
}
