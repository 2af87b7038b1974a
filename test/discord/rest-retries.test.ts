import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import type { RecordedCall, SentInteraction } from '../fakes/discord-gateway.js';
import { type Bot, OPTION, secretsIn, startBot } from './harness.js';

const en = t('en');
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CALLBACK_ROUTE = '/interactions/:id/:token/callback';

/**
 * Faults on the interaction callback, through the real discord.js REST client against the
 * fake: the fake drops the connection (status 0), answers 5xx or 429. Each failed attempt is
 * retried and logged once as a warning; the user gets the answer, not the apology.
 */
describe('Discord REST retries against the fake', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  const ask = () => bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas will russia send iran?' }]);
  const isCallbackOf = (sent: SentInteraction) => (c: RecordedCall) => c.method === 'POST' && c.path === `/interactions/${sent.id}/${sent.token}/callback`;
  /** Waits for the interaction's first successful callback; returns every attempt, in order. */
  const attemptsUntilAnswered = async (sent: SentInteraction) => {
    await bot.fake.waitForCall((c) => isCallbackOf(sent)(c) && c.status >= 200 && c.status < 300);
    return bot.fake.calls.filter(isCallbackOf(sent));
  };
  const retryLogs = (msg: string) => bot.logs().filter((l) => l.msg === msg);
  const errorsAbout = (sent: SentInteraction) => bot.logs().filter((l) => l.level >= 50 && l.interaction === sent.id);

  it('retries an interaction callback whose connection was dropped: the user gets the answer, not the apology', async () => {
    const before = retryLogs('discord request retried').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 0, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([0, 204]);
    const answer = attempts[1]!.body;
    expect(answer.type).toBe(4);
    expect(answer.data.embeds[0].description).toContain('55');
    expect(answer.data.content ?? '').not.toBe(en.discordError);
    expect(attempts[0]!.body).toEqual(answer); // the same answer, sent again
    expect(errorsAbout(sent)).toEqual([]);

    const warned = retryLogs('discord request retried').slice(before);
    expect(warned).toEqual([expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, reason: 'UND_ERR_SOCKET', attempt: 1 })]);
    expect(JSON.stringify(warned)).not.toContain(sent.token);
  });

  it('logs each retry once, and after the last retry the error boundary apologises', async () => {
    const before = retryLogs('discord request retried').length;
    // Four drops in a row: the first attempt and its three retries (@discordjs/rest's default).
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 0, times: 4 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([0, 0, 0, 0, 204]);
    expect(attempts[4]!.body.data.content).toBe(en.discordError);
    expect(retryLogs('discord request retried').slice(before).map((l) => [l.reason, l.attempt])).toEqual([
      ['UND_ERR_SOCKET', 1],
      ['UND_ERR_SOCKET', 2],
      ['UND_ERR_SOCKET', 3],
    ]);
    await bot.waitForLog((l) => l.level === 50 && l.interaction === sent.id);
    expect(errorsAbout(sent)).toHaveLength(1);
  });

  it('retries a 5xx answer with a warning naming the status', async () => {
    const before = retryLogs('discord request retried').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 502, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([502, 204]);
    expect(attempts[1]!.body.data.embeds[0].description).toContain('55');
    expect(retryLogs('discord request retried').slice(before)).toEqual([
      expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, status: 502, attempt: 1 }),
    ]);
    expect(errorsAbout(sent)).toEqual([]);
  });

  it('waits out a 429 answer and warns once with its retry_after', async () => {
    const before = retryLogs('discord rate limited').length;
    bot.fake.fail({ method: 'POST', path: CALLBACK, status: 429, retryAfter: 0.05, times: 1 });
    const sent = ask();
    const attempts = await attemptsUntilAnswered(sent);
    expect(attempts.map((c) => c.status)).toEqual([429, 204]);
    expect(attempts[1]!.body.data.embeds[0].description).toContain('55');
    expect(retryLogs('discord rate limited').slice(before)).toEqual([
      expect.objectContaining({ level: 40, method: 'POST', route: CALLBACK_ROUTE, status: 429, retryAfter: 50, scope: 'user' }),
    ]);
  });

  it('never writes the bot token or an interaction token to the log', () => {
    expect(bot.lines.length).toBeGreaterThan(0);
    expect(secretsIn(bot)).toEqual([]);
  });
});
