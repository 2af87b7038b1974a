import type { KnowledgeBase, Lang, LocalizedText, Source } from './data/schema.js';
import { comma, formatDate, formatInteger, t } from './i18n/index.js';
import type { SourceRef } from './reply.js';

export function text(value: LocalizedText, lang: Lang): string {
  return value[lang] ?? value.en;
}

/**
 * The source line every answer and card ends with, in the reader's language:
 * "Source: <title>, 24 Jan 2025 (paragraph 6)". `paragraph` is left out for a
 * reply built from several paragraphs (the overview card). The one formatter
 * for every surface and card, so punctuation cannot drift between them.
 */
export function sourceLine(source: Source, lang: Lang, paragraph?: number): string {
  const c = t(lang);
  const at = paragraph === undefined ? '' : ` (${c.paragraph} ${formatInteger(paragraph, lang)})`;
  const asOf = source.asOf !== source.published ? `${lang === 'fa' ? '؛' : ';'} ${c.asOf} ${formatDate(source.asOf, lang)}` : '';
  return `${c.source}: ${text(source.title, lang)}${comma(lang)}${c.published} ${formatDate(source.published, lang)}${at}${asOf}`;
}

/** A source as replies carry it; `paragraph` as for `sourceLine`. */
export function sourceRef(kb: KnowledgeBase, sourceId: string, lang: Lang, paragraph?: number): SourceRef {
  const source = kb.sources.find((s) => s.id === sourceId)!;
  return {
    title: text(source.title, lang),
    description: text(source.description, lang),
    published: source.published,
    asOf: source.asOf,
    ...(paragraph === undefined ? {} : { paragraph }),
    ...(source.url ? { url: source.url } : {}),
    line: sourceLine(source, lang, paragraph),
  };
}
