import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, decodeAction, encodeAction, MAX_ACTION_BYTES } from '../../../src/core/conversation/actions.js';
import { LANGS } from '../../../src/core/data/schema.js';

describe('the action codec', () => {
  const samples: Action[] = [
    { kind: 'topic', topicId: 'gas', lang: 'en' },
    { kind: 'more', topicId: 'middle-east-after-assad', lang: 'fa' },
    { kind: 'topics', lang: 'ru' },
    { kind: 'page', page: 2, lang: 'en' },
    { kind: 'pick', menu: 1, lang: 'ru' },
    { kind: 'vote', topicId: 'local-currencies', vote: -1, lang: 'fa' },
    { kind: 'post', cardId: 'overview', image: true, lang: 'en' },
    { kind: 'post', cardId: 'gas', image: false, lang: 'ru' },
    { kind: 'cancel', lang: 'fa' },
    { kind: 'decide', id: 42, decision: 'resolved', lang: 'en' },
    { kind: 'decide', id: 999_999_999_999_999, decision: 'ignored', lang: 'fa' },
  ];

  it('round-trips every kind of action within Telegram’s 64 bytes', () => {
    for (const action of samples) {
      const data = encodeAction(action)!;
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      expect(decodeAction(data)).toEqual(action);
    }
  });

  it('refuses to encode what would not decode: malformed or overlong ids', () => {
    expect(encodeAction({ kind: 'topic', topicId: 'Gas!', lang: 'en' })).toBeUndefined();
    expect(encodeAction({ kind: 'vote', topicId: 'a.b', vote: 1, lang: 'en' })).toBeUndefined();
    expect(encodeAction({ kind: 'topic', topicId: 'x'.repeat(60), lang: 'en' })).toBeUndefined();
    for (const id of [0, -1, 1.5, Number.NaN, 1e16]) expect(encodeAction({ kind: 'decide', id, decision: 'resolved', lang: 'en' }), String(id)).toBeUndefined();
  });

  it('reads anything stale, forged or from another version as undefined, never throwing', () => {
    for (const data of [
      '',
      'v1:t:gas:en',
      '2t.en',
      '2t.de.gas',
      '2t.en.gas.extra',
      '2v.en.gas.x',
      '2n.en.-1',
      '2q.en',
      '2q.en.0.r',
      '2q.en.01.r',
      '2q.en.5.x',
      '2q.en.5',
      '3t.en.gas',
      '2t.en.GAS',
      'x'.repeat(100),
    ]) {
      expect(decodeAction(data), data).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => {
        const action = decodeAction(s);
        if (action) expect(encodeAction(action)).toBe(s);
      }),
    );
  });

  it('keeps the language of the message an action is on', () => {
    for (const lang of LANGS) expect(decodeAction(encodeAction({ kind: 'topics', lang }))).toEqual({ kind: 'topics', lang });
  });
});
