import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en/index.js';
import { groupChat, user } from '../fakes/telegram-updates.js';
import { startTelegram, type TelegramTest } from './harness.js';

const GROUP = groupChat(-100_2020, 'Busy partnership fans');
const QUESTIONS = 30;

/** Resolves once `n` log entries pass `test` (counted over past and future entries). */
function logsCounted(tg: TelegramTest, test: (e: Record<string, any>) => boolean, n: number): Promise<void> {
  let seen = 0;
  return tg.waitForLog((e) => test(e) && ++seen >= n).then(() => undefined);
}

/**
 * A busy group against a fake that enforces Telegram's ~20 messages a minute
 * per group (429 with retry_after beyond it): no question goes without a reply
 * or a notice, and the bot never runs into the limit.
 */
describe('Telegram: a busy group', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  it('answers in the group within its budget, then privately, and tells the group once where to ask those it cannot write to', async () => {
    tg = await startTelegram({ fake: { groupMessagesPerMinute: 20 } });
    const askers = Array.from({ length: QUESTIONS }, (_, i) => user(810_000 + i, `Asker${i}`));
    // Half of them never started the bot: Telegram refuses private messages to them.
    for (const u of askers.slice(QUESTIONS / 2)) tg.fake.refusePrivate(u.id);
    const handled = logsCounted(tg, (e) => e.msg === 'group reply', QUESTIONS);
    const asked = askers.map((u) => tg.send(GROUP, u, '@partnership_test_bot how much gas will Russia supply?'));
    await handled;

    const outcomes = new Map<string, number>();
    for (const e of tg.logs().filter((l) => l.msg === 'group reply')) outcomes.set(e.delivered, (outcomes.get(e.delivered) ?? 0) + 1);
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(QUESTIONS);
    expect([...outcomes.keys()].every((k) => ['group', 'private', 'notice', 'told-before'].includes(k))).toBe(true);
    expect(outcomes.get('notice')).toBe(1);

    expect(tg.fake.calls.filter((c) => c.status === 429)).toEqual([]); // never ran into Telegram's limit
    const inGroup = tg.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === GROUP.id);
    expect(inGroup.length).toBeLessThanOrEqual(20);
    const notices = inGroup.filter((c) => c.plain === en.groupBusy('@partnership_test_bot'));
    expect(notices).toHaveLength(1); // said once, not once per question

    let coveredByNotice = 0;
    asked.forEach((message, i) => {
      const u = askers[i]!;
      const answeredInGroup = inGroup.some((c) => c.params.reply_parameters?.message_id === message.message_id && c.plain !== notices[0]!.plain);
      const privately = tg.fake.callsOf('sendMessage').find((c) => c.params.chat_id === u.id);
      if (i < QUESTIONS / 2) {
        // Reachable: an answer, in the group or privately, never nothing.
        expect(answeredInGroup || privately !== undefined).toBe(true);
        if (privately) {
          expect(privately.plain).toContain(en.answeredPrivately('Busy partnership fans', 'how much gas will Russia supply?'));
          expect(privately.plain).toMatch(/55 billion cubic meters/);
        }
      } else {
        // Unreachable privately: answered in the group, or covered by the group's notice.
        expect(privately).toBeUndefined();
        if (!answeredInGroup) coveredByNotice += 1;
      }
    });
    // Each unreachable asker not answered in the group is the one who got the notice or came after it.
    expect(coveredByNotice).toBe((outcomes.get('notice') ?? 0) + (outcomes.get('told-before') ?? 0));
    expect(notices[0]!.params.reply_parameters?.message_id).toBeDefined();
    expect(outcomes.get('private') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('group') ?? 0).toBeGreaterThan(0);
  });
});
