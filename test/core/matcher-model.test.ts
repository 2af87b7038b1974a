import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS, type KnowledgeBase } from '../../src/core/data/schema.js';
import { buildMatcher, importMatcher, importMatcherInSteps, type Matcher } from '../../src/core/match/matcher.js';
import { modelBuffers } from '../../src/core/match/matcher-model.js';
import { realKnowledgeBase } from '../support/core.js';

/** Every question the data holds, in every language, plus questions the data never saw. */
function questionsOf(kb: KnowledgeBase): string[] {
  const qs: string[] = [];
  for (const lang of LANGS) {
    for (const t of kb.topics) qs.push(...(t.examples[lang] ?? []), ...(t.heldout[lang] ?? []));
    qs.push(...(kb.offtopic.examples[lang] ?? []), ...(kb.offtopic.heldout[lang] ?? []), ...(kb.help.examples[lang] ?? []));
  }
  qs.push(
    'what is the weather in paris tomorrow?',
    'how do I bake sourdough bread',
    'How much does China trade with the United States?',
    'who won the world cup in 2018',
    'how much gsa will rusia send to iarn',
    'какая погода в москве',
    'بهترین رستوران تهران کجاست',
    '',
    '???',
    'help',
  );
  return qs;
}

const view = (m: Matcher, q: string) => {
  const r = m.match(q);
  return {
    q,
    outcome: r.outcome,
    topicId: r.topicId,
    confidence: r.confidence,
    factId: r.factId,
    suggestions: r.suggestions,
    coverage: r.coverage,
    lang: r.lang,
    place: r.place,
  };
};

let kb: KnowledgeBase;
let reference: Matcher;
beforeAll(async () => {
  kb = await realKnowledgeBase();
  reference = buildMatcher(kb);
});

describe('matcher export / import', () => {
  it('answers every data question in all three languages exactly as the matcher trained in process', () => {
    const trained = buildMatcher(kb);
    const model = trained.toModel();
    // Across a thread boundary: the knowledge base is cloned, the weights are moved.
    const moved = structuredClone(model, { transfer: modelBuffers(model) });
    expect(model.languages.map((l) => l.engine.linear.w.byteLength)).toEqual(model.languages.map(() => 0));
    const imported = importMatcher(structuredClone(kb), moved);

    const questions = questionsOf(kb);
    expect(questions.length).toBeGreaterThan(1000);
    expect(moved.languages.map((l) => l.lang).sort()).toEqual([...LANGS].sort());
    const differing = questions.map((q) => [view(reference, q), view(imported, q)] as const).filter(([a, b]) => JSON.stringify(a) !== JSON.stringify(b));
    expect(differing).toEqual([]);
    for (const q of ['gas', 'инстк', 'تجارت', '']) expect(imported.rankTopics(q, 5)).toEqual(reference.rankTopics(q, 5));
  });

  it('imports in steps, one language per step, to the same answers', async () => {
    const model = buildMatcher(kb).toModel();
    let steps = 0;
    const imported = await importMatcherInSteps(kb, model, async () => void (steps += 1));
    expect(steps).toBe(LANGS.length);
    const questions = questionsOf(kb).filter((_, i) => i % 7 === 0);
    expect(questions.map((q) => view(imported, q))).toEqual(questions.map((q) => view(reference, q)));
    await expect(importMatcherInSteps({ ...kb, version: 'other' }, model, async () => {})).rejects.toThrow(/trained on data/);
  });

  it('refuses a model trained on other data', async () => {
    const model = buildMatcher(kb).toModel();
    expect(() => importMatcher({ ...kb, version: 'other' }, model)).toThrow(/trained on data/);
    const fewer = { ...kb, topics: kb.topics.slice(1), version: model.version };
    expect(() => importMatcher(fewer, model)).toThrow(/other intents/);
  });
});
