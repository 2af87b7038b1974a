import { describe, expect, it } from 'vitest';
import { type ComponentAction, encodeCustomId, parseCustomId } from '../../src/adapters/discord/custom-id.js';

describe('custom_id scheme', () => {
  it('round-trips every action kind', () => {
    const actions: ComponentAction[] = [
      { kind: 'topic', lang: 'en', topicId: 'gas' },
      { kind: 'topic', lang: 'ru', topicId: 'middle-east-after-assad' },
      { kind: 'topics', lang: 'fa' },
      { kind: 'pick', lang: 'en', menu: 4 },
      { kind: 'feedback', lang: 'fa', topicId: 'bilateral-trade', vote: 1 },
      { kind: 'feedback', lang: 'en', topicId: 'gas', vote: -1 },
    ];
    for (const action of actions) expect(parseCustomId(encodeCustomId(action)!)).toEqual(action);
    expect(encodeCustomId({ kind: 'topic', lang: 'en', topicId: 'gas' })).toBe('v1:topic:en:gas');
    expect(encodeCustomId({ kind: 'feedback', lang: 'ru', topicId: 'gas', vote: 1 })).toBe('v1:fb:ru:gas:u');
    expect(encodeCustomId({ kind: 'feedback', lang: 'ru', topicId: 'gas', vote: -1 })).toBe('v1:fb:ru:gas:d');
  });

  it('encodes nothing that would not parse back or would pass 100 characters', () => {
    expect(encodeCustomId({ kind: 'topic', lang: 'en', topicId: 'Gas!' })).toBeUndefined();
    expect(encodeCustomId({ kind: 'feedback', lang: 'en', topicId: 'a:b', vote: 1 })).toBeUndefined();
    expect(encodeCustomId({ kind: 'feedback', lang: 'en', topicId: 'a'.repeat(89), vote: 1 })).toHaveLength(100);
    expect(encodeCustomId({ kind: 'feedback', lang: 'en', topicId: 'a'.repeat(90), vote: 1 })).toBeUndefined();
  });

  it('rejects forged, stale-version and malformed ids', () => {
    for (const id of ['', 'gas', 'v0:topic:en:gas', 'v2:topic:en:gas', 'v1:topic:de:gas', 'v1:topic:en:', 'v1:topic:en:Gas', 'v1:topic:en:gas:extra',
      'v1:topic:en:../x', 'v1:topics:en:x', 'v1:pick:en:5', 'v1:pick:en:-1', 'v1:pick:en', 'v1:feedback:en:gas', `v1:topic:en:${'a'.repeat(120)}`,
      'v1:fb:en:gas', 'v1:fb:en:gas:x', 'v1:fb:en:gas:u:extra', 'v1:fb:xx:gas:u', 'v1:fb:en::u', 'v1:fb:en:GAS:d', 'v1:fb:gas:u']) {
      expect(parseCustomId(id), id).toBeUndefined();
    }
  });
});
