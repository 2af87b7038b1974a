import { type DataIssue, quoteKey } from './load.js';
import { type KnowledgeBase, LANGS } from './schema.js';
import { normalizeText } from '../text/normalize.js';

export const MIN_EXAMPLES = 12;
export const MIN_HELDOUT = 3;

/**
 * Curator checks beyond the schema: enough examples, no question under two
 * topics (or among the off-topic ones), held-out questions not trained on,
 * aliases unique, every fact traceable to a source paragraph.
 */
export function lintKnowledgeBase(kb: KnowledgeBase): DataIssue[] {
  const issues: DataIssue[] = [];
  const fileOf = (id: string) => `data/topics/${id}.yaml`;
  const owner = new Map<string, string>();
  const claim = (key: string, who: string, file: string, path: string) => {
    const other = owner.get(key);
    if (other && other !== who) issues.push({ file, path, message: `also appears under ${other}` });
    else owner.set(key, who);
  };

  for (const topic of kb.topics) {
    const file = fileOf(topic.id);
    for (const lang of LANGS) {
      const examples = topic.examples[lang];
      if (!examples) continue;
      if (examples.length < MIN_EXAMPLES) {
        issues.push({ file, path: `examples.${lang}`, message: `has ${examples.length} questions; at least ${MIN_EXAMPLES} are needed to match paraphrases` });
      }
      const heldout = topic.heldout[lang] ?? [];
      if (heldout.length < MIN_HELDOUT)
        issues.push({ file, path: `heldout.${lang}`, message: `has ${heldout.length} questions; at least ${MIN_HELDOUT} are needed` });
      const trained = new Set(examples.map(normalizeText));
      heldout.forEach((q, i) => {
        if (trained.has(normalizeText(q)))
          issues.push({ file, path: `heldout.${lang}[${i}]`, message: 'is also an example: held-out questions must not be trained on' });
      });
      examples.forEach((q, i) => claim(`${lang}:${normalizeText(q)}`, `topic ${topic.id}`, file, `examples.${lang}[${i}]`));
      heldout.forEach((q, i) => claim(`${lang}:${normalizeText(q)}`, `topic ${topic.id}`, file, `heldout.${lang}[${i}]`));
    }
    topic.aliases.forEach((a, i) => claim(`alias:${normalizeText(a)}`, `topic ${topic.id}`, file, `aliases[${i}]`));
    if (!kb.sources.some((s) => s.id === topic.source.id)) issues.push({ file, path: 'source.id', message: 'unknown source' });
    topic.facts.forEach((f, i) => {
      if (f.paragraph !== undefined && f.paragraph < 1) issues.push({ file, path: `facts[${i}].paragraph`, message: 'must be a paragraph number' });
    });
    const factIds = new Set<string>();
    topic.facts.forEach((f, i) => {
      if (factIds.has(f.id)) issues.push({ file, path: `facts[${i}].id`, message: `duplicate fact id "${f.id}"` });
      factIds.add(f.id);
    });
    if (topic.related.includes(topic.id)) issues.push({ file, path: 'related', message: 'a topic cannot be related to itself' });
    if (topic.claims.length === 0) issues.push({ file, path: 'claims', message: 'has no claims: answers are made of claims, one per statement of the source' });
  }
  issues.push(...uncoveredSentences(kb));
  for (const lang of LANGS) {
    const off = [...(kb.offtopic.examples[lang] ?? []), ...(kb.offtopic.heldout[lang] ?? [])];
    off.forEach((q, i) => claim(`${lang}:${normalizeText(q)}`, 'offtopic.yaml', 'data/offtopic.yaml', `${lang}[${i}]`));
    (kb.help.examples[lang] ?? []).forEach((q, i) => claim(`${lang}:${normalizeText(q)}`, 'help.yaml', 'data/help.yaml', `examples.${lang}[${i}]`));
  }
  return issues;
}

/** Share of a sentence's words that claims' quotes must cover for it to count as covered. */
export const SENTENCE_COVERAGE = 0.8;

/**
 * Every sentence of every paragraph a topic cites is the quote of some claim
 * (most of its words, at least): nothing the source says is left out of the
 * answers. Needs the source texts, which the loader keeps in `kb.sourceTexts`.
 */
function uncoveredSentences(kb: KnowledgeBase): DataIssue[] {
  const issues: DataIssue[] = [];
  const cited = new Map<string, { file: string; quotes: string[] }>();
  for (const topic of kb.topics) {
    for (const claim of topic.claims) {
      const key = `${claim.source ?? topic.source.id}#${claim.paragraph ?? topic.source.paragraph}`;
      const entry = cited.get(key) ?? { file: `data/topics/${topic.id}.yaml`, quotes: [] };
      entry.quotes.push(quoteKey(claim.quote));
      cited.set(key, entry);
    }
  }
  for (const [key, { file, quotes }] of cited) {
    const [sourceId, n] = key.split('#');
    const paragraph = kb.sourceTexts[sourceId!]?.[Number(n)];
    if (!paragraph) continue;
    // Sentences end at . ! ? before a capital letter ("U.S. dollar" stays whole), compared as quotes are.
    const sentences = paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u).map(quoteKey);
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w));
      const covered = new Array<boolean>(words.length).fill(false);
      for (const quote of quotes) {
        const start = sentence.indexOf(quote);
        if (start < 0) continue;
        const before = sentence
          .slice(0, start)
          .split(/\s+/)
          .filter((w) => /\p{L}/u.test(w)).length;
        const inside = quote.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
        for (let i = before; i < Math.min(words.length, before + inside); i++) covered[i] = true;
      }
      const share = words.length ? covered.filter(Boolean).length / words.length : 1;
      if (share < SENTENCE_COVERAGE) {
        issues.push({
          file,
          path: 'claims',
          message: `paragraph ${n} of "${sourceId}": no claim quotes most of "${sentence.slice(0, 90)}${sentence.length > 90 ? '…' : ''}"`,
        });
      }
    }
  }
  return issues;
}
