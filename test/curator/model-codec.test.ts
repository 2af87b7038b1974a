import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import type { Matcher } from '../../src/core/match/matcher.js';
import { LANGS } from '../../src/core/data/schema.js';
import { buildMatcher, importMatcher } from '../../src/core/match/matcher.js';
import { decodeBundle, encodeBundle } from '../../src/curator/model-codec.js';
import { realKnowledgeBase } from '../support/core.js';

describe('model bundle codec', () => {
  let kb: KnowledgeBase;
  let trained: Matcher;
  let bytes: Uint8Array;
  beforeAll(async () => {
    kb = await realKnowledgeBase();
    trained = buildMatcher(kb);
    bytes = await encodeBundle({ kb, model: trained.toModel() });
  });

  it('turns a built knowledge base into bytes that import to a matcher answering exactly like the trained one', async () => {
    expect(bytes.byteLength).toBeLessThan(3_000_000);
    const { kb: kb2, model } = await decodeBundle(bytes);
    expect(kb2.version).toBe(kb.version);
    expect(kb2.topics.map((t) => t.id)).toEqual(kb.topics.map((t) => t.id));
    const imported = importMatcher(kb2, model);
    const questions = LANGS.flatMap((lang) => kb.topics.flatMap((t) => [...(t.examples[lang] ?? []), ...(t.heldout[lang] ?? [])]));
    questions.push('how much gsa will rusia send to iarn', 'what is the weather in paris tomorrow?');
    for (const q of questions) {
      const a = trained.match(q);
      const b = imported.match(q);
      expect({ q, topic: b.topicId, outcome: b.outcome, confidence: b.confidence }).toEqual({
        q,
        topic: a.topicId,
        outcome: a.outcome,
        confidence: a.confidence,
      });
    }
  });

  it('refuses bytes of another codec version', async () => {
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const raw = gunzipSync(bytes);
    const length = raw.readUInt32BE(0);
    const header = raw
      .subarray(4, 4 + length)
      .toString('utf8')
      .replace('{"codec":1,', '{"codec":9,');
    const size = Buffer.alloc(4);
    size.writeUInt32BE(Buffer.byteLength(header));
    await expect(decodeBundle(gzipSync(Buffer.concat([size, Buffer.from(header), raw.subarray(4 + length)])))).rejects.toThrow(/codec 9/);
  });
});
