import { describe, expect, it } from 'vitest';
import { type ComponentAction, encodeCustomId, parseCustomId } from '../../src/adapters/discord/custom-id.js';

describe('custom_id scheme', () => {
  it('round-trips every action kind', () => {
    const actions: ComponentAction[] = [
      { kind: 'topic', lang: 'en', topicId: 'gas' },
      { kind: 'topic', lang: 'ru', topicId: 'middle-east-after-assad' },
      { kind: 'topics', lang: 'fa' },
      { kind: 'pick', lang: 'en', menu: 4 },
    ];
    for (const action of actions) expect(parseCustomId(encodeCustomId(action))).toEqual(action);
    expect(encodeCustomId({ kind: 'topic', lang: 'en', topicId: 'gas' })).toBe('v1:topic:en:gas');
  });

  it('rejects forged, stale-version and malformed ids', () => {
    for (const id of ['', 'gas', 'v0:topic:en:gas', 'v2:topic:en:gas', 'v1:topic:de:gas', 'v1:topic:en:', 'v1:topic:en:Gas', 'v1:topic:en:gas:extra',
      'v1:topic:en:../x', 'v1:topics:en:x', 'v1:pick:en:5', 'v1:pick:en:-1', 'v1:pick:en', 'v1:feedback:en:gas', `v1:topic:en:${'a'.repeat(120)}`]) {
      expect(parseCustomId(id), id).toBeUndefined();
    }
  });
});
