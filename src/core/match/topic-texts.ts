import type { Lang, Topic } from '../data/schema.js';
import { detectLanguage } from '../text/lang.js';

/**
 * Everything a topic says in `lang` that the matcher trains on: example
 * questions, aliases written in that language's script, title, answers, facts, claims.
 */
export function topicTexts(topic: Topic, lang: Lang): string[] {
  const out = [...(topic.examples[lang] ?? [])];
  out.push(...topic.aliases.filter((a) => detectLanguage(a, lang) === lang));
  for (const t of [topic.title, topic.short, topic.summary]) {
    const s = t[lang];
    if (s) out.push(...s.split(/(?<=[.!?؟])\s+/));
  }
  for (const f of topic.facts) {
    for (const t of [f.sentence, f.label]) {
      const s = t[lang];
      if (s) out.push(s);
    }
  }
  for (const c of topic.claims) out.push(c.text[lang]);
  return out;
}
