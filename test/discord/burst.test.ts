import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../src/adapters/discord/concurrency.js';
import type { FakeUser } from '../fakes/discord-gateway.js';
import { type Bot, OPTION, startBot } from './harness.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const BURST = DEFAULT_CONCURRENCY + 24;

const userFor = (i: number): FakeUser => ({ id: String(320_000_000_000_000_000n + BigInt(i)), username: `burst${i}`, global_name: null, discriminator: '0', avatar: null });

describe('a burst of interactions', () => {
  let bot: Bot;
  afterEach(() => bot?.stop());

  it(`runs at most ${DEFAULT_CONCURRENCY} handlers at once; the others wait their turn and every one is answered`, async () => {
    bot = await startBot();
    // The fake holds interaction callbacks unanswered: each held one is a handler still running in the bot.
    const held = bot.fake.hold({ method: 'POST', path: CALLBACK });
    const connectionsBefore = bot.fake.connections;
    const sent = Array.from({ length: BURST }, (_, i) =>
      bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: i % 2 ? 'how much gas will russia send iran?' : 'who signed it?' }], { user: userFor(i) }),
    );
    // Let one handler finish at a time, each time the bot has all it may have in flight.
    for (let finished = 0; finished < BURST; finished += 1) {
      await held.waitForPending(Math.min(DEFAULT_CONCURRENCY, BURST - finished));
      held.release(1);
    }
    expect(held.most).toBe(DEFAULT_CONCURRENCY);
    // undici opens a connection for each request it has in flight at once (no pipelining) and
    // reuses idle ones: a bot that sent every callback at once would have opened one per interaction.
    expect(bot.fake.connections - connectionsBefore).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);

    const answered = await bot.fake.waitForCalls((c) => c.method === 'POST' && CALLBACK.test(c.path), BURST);
    const byInteraction = new Map(answered.map((c) => [c.path.split('/')[2], c]));
    for (const [i, interaction] of sent.entries()) {
      const call = byInteraction.get(interaction.id);
      expect(call?.status, `interaction ${i}`).toBe(204);
      expect(call!.body.data.embeds[0].description, `interaction ${i}`).toContain(i % 2 ? '55' : 'Putin');
    }
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });

  it('direct messages and mentions share the same limit: a flood of them never has more than the limit in flight', async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    // Each DM is its own channel, so @discordjs/rest does not serialise the replies per channel: only the limiter bounds them.
    const held = bot.fake.hold({ method: 'POST', path: /^\/channels\/\d+\/messages$/ });
    const connectionsBefore = bot.fake.connections;
    const sent = Array.from({ length: BURST }, (_, i) => bot.fake.userMessage('who signed it?', { dm: true, user: userFor(1000 + i) }));
    for (let finished = 0; finished < BURST; finished += 1) {
      await held.waitForPending(Math.min(DEFAULT_CONCURRENCY, BURST - finished));
      held.release(1);
    }
    expect(held.most).toBe(DEFAULT_CONCURRENCY);
    expect(bot.fake.connections - connectionsBefore).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    const replies = await bot.fake.waitForCalls((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200, BURST);
    expect(new Set(replies.map((c) => c.body.message_reference.message_id))).toEqual(new Set(sent.map((m) => m.id)));
  });
});
