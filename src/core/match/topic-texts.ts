import type { Lang, LocalizedText, Topic } from '../data/schema.js';

function pick(text: LocalizedText, lang: Lang): string | undefined {
  return text[lang];
}

/** Everything a topic says in `lang` that the matcher trains on: examples, aliases, title, answers, facts. */
export function topicTexts(topic: Topic, lang: Lang): string[] {
  const out = [...(topic.examples[lang] ?? [])];
  if (lang === 'en') out.push(...topic.aliases);
  for (const t of [topic.title, topic.short, topic.summary]) {
    const s = pick(t, lang);
    if (s) out.push(...s.split(/(?<=[.!?])\s+/));
  }
  for (const f of topic.facts) {
    for (const t of [f.sentence, f.label]) {
      const s = pick(t, lang);
      if (s) out.push(s);
    }
  }
  return out;
}
