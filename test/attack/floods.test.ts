import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en/index.js';
import { inlineQuery, privateChat, user } from '../fakes/telegram-updates.js';
import { buttons, sentMessage, startTelegram, type TelegramTest } from '../telegram/harness.js';

/**
 * Lower findings of issue 16: inline queries had no per-user limit, and one
 * user could move a topic's helpfulness by voting on every new answer.
 */
let tg: TelegramTest | undefined;
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
});

describe('attack: one user cannot flood or stuff the ballot', () => {
  it('inline queries spend the same per-user budget as messages: past it, empty results and one notice above them', async () => {
    tg = await startTelegram({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    const mallory = user(6_600_001, 'Mallory');
    for (let i = 0; i < 2; i++) expect((await tg.say(privateChat(mallory), mallory, 'how much gas will russia send iran?')).plain).toContain('55');
    const answers: Array<Record<string, any>> = [];
    for (let i = 0; i < 3; i++) {
      const answered = tg.fake.waitFor('answerInlineQuery');
      tg.fake.pushUpdate(inlineQuery(mallory, 'gas'));
      answers.push((await answered).params);
    }
    // The third request of the minute is the last answered; then the notice once, then nothing.
    expect(answers[0]!.results.length).toBeGreaterThan(0);
    expect(answers[1]).toMatchObject({ results: [], cache_time: 0, button: { text: `${en.slowDown.slice(0, 63)}…`, start_parameter: 'help' } });
    expect(answers[2]!.results).toEqual([]);
    expect(answers[2]!.button).toBeUndefined();
    // Others are served.
    const alice = user(6_600_002, 'Alice');
    expect((await tg.say(privateChat(alice), alice, 'how much gas will russia send iran?')).plain).toContain('55');
  });

  it('a user voting on every new answer of a topic counts once for that topic (their latest vote)', async () => {
    tg = await startTelegram();
    const mallory = user(6_600_003, 'Mallory');
    for (let i = 0; i < 5; i++) {
      const answer = await tg.say(privateChat(mallory), mallory, 'how much gas will russia send iran?');
      await tg.answered(tg.press(mallory, sentMessage(answer), buttons(answer).find((b) => b.text === '👎')!.data!));
    }
    const alice = user(6_600_004, 'Alice');
    const answer = await tg.say(privateChat(alice), alice, 'how much gas will russia send iran?');
    await tg.answered(tg.press(alice, sentMessage(answer), buttons(answer).find((b) => b.text === '👍')!.data!));
    expect(await tg.curator.report(3500, { all: true })).toContain('Natural gas partnership: 1 / 1 (50% helpful)');
  });
});
