import { createOpsStatus } from '../../src/ops/status.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Booted } from '../../src/boot/boot.js';
import { startOps } from '../../src/boot/ops.js';
import { createReadiness } from '../../src/boot/readiness.js';
import { runAdapters } from '../../src/boot/run.js';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import { type Bot, captureLogger, startBot, testConfig } from '../discord/harness.js';
import { startFakeDiscord } from '../fakes/discord-gateway.js';
import { privateChat, user } from '../fakes/telegram-updates.js';
import { testDeps } from '../support/deps.js';
import { startTelegram, type TelegramTest } from '../telegram/harness.js';

/**
 * Finding 7 of issue 16: one Discord 401 made discord.js drop its token, so
 * mention replies and card posts failed until a restart while slash commands
 * kept working, and nothing said so. Now a rejected token (Discord or
 * Telegram) stops the adapter for good: it is logged, readiness says so, and
 * the process exits 1.
 */
let bot: Bot | undefined;
let tg: TelegramTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await tg?.stop();
  tg = undefined;
});

const MESSAGE_POST = /^\/channels\/\d+\/messages$/;

describe('attack: a rejected token stops the bot loudly, not halfway', () => {
  it('Discord: a 401 on a mention reply stops the adapter for good, naming DISCORD_TOKEN, with no token in the log', async () => {
    bot = await startBot();
    bot.fake.fail({ method: 'POST', path: MESSAGE_POST, status: 401, message: '401: Unauthorized' });
    bot.fake.userMessage(`<@${bot.fake.bot.id}> how much gas will russia send iran?`, { mentions: [bot.fake.bot] });
    const err = await bot.adapter.fatal!;
    expect(err.message).toMatch(/^DISCORD_TOKEN was rejected by Discord \(401 Unauthorized on POST \/channels\/:id\/messages\)/);
    expect(bot.logs().some((l) => l.level === 60 && l.setting === 'DISCORD_TOKEN')).toBe(true);
    expect(bot.lines.join('\n')).not.toContain(bot.config.DISCORD_TOKEN!);
  });

  it('Discord: the gateway closing with 4004 (authentication failed) stops the adapter for good', async () => {
    bot = await startBot();
    bot.fake.disconnect(4004);
    expect((await bot.adapter.fatal!).message).toMatch(/close code 4004: DISCORD_TOKEN was rejected/);
  });

  it('Discord: an expired interaction token (401 without the bot token) is not mistaken for a revoked bot token', async () => {
    bot = await startBot();
    bot.fake.fail({ method: 'POST', path: /\/callback$/, status: 401, code: 50027, message: 'Invalid Webhook Token' });
    const sent = bot.fake.slash('help');
    await bot.fake.waitForCall((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback` && c.status === 401);
    // The adapter keeps serving: the next command is answered.
    expect((await bot.fake.waitForResponse(bot.fake.slash('topics'))).type).toBe(4);
    const settled = await Promise.race([bot.adapter.fatal!.then(() => 'fatal'), Promise.resolve('running')]);
    expect(settled).toBe('running');
  });

  it('Telegram (webhook mode): a 401 on a send stops the adapter for good, naming TELEGRAM_BOT_TOKEN', async () => {
    tg = await startTelegram({
      env: {
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
        TELEGRAM_WEBHOOK_SECRET: 'a-webhook-secret-0123456789',
        OPS_HOST: '127.0.0.1',
        OPS_PORT: '0',
      },
    });
    tg.fake.failNext('sendMessage', { error_code: 401, description: 'Unauthorized' });
    const port = tg.ops!.address().port;
    const alice = user(5201);
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: privateChat(alice), from: alice, text: 'how much gas?' } };
    await fetch(`http://127.0.0.1:${port}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'a-webhook-secret-0123456789' },
      body: JSON.stringify(update),
    });
    expect((await tg.adapter.fatal!).message).toMatch(/^TELEGRAM_BOT_TOKEN was rejected by Telegram \(401 Unauthorized on sendMessage\)/);
  });

  it('Telegram (polling): getUpdates answering 401 stops polling for good', async () => {
    tg = await startTelegram({ beforeStart: (fake) => fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' }) });
    expect(await tg.adapter.fatal).toBeInstanceOf(Error);
    expect(tg.logs().some((l) => l.level === 60)).toBe(true);
  });

  it('the process marks the adapter not ready with the reason (in what /readyz serves too), stops everything and exits 1', async () => {
    const fake = await startFakeDiscord();
    const config = testConfig(fake, { WATCH_DATA: 'false' });
    const { logger, written } = captureLogger(config);
    const deps = await testDeps({ logger });
    const adapter = createDiscordAdapter(config, deps);
    const readiness = createReadiness();
    const booted = {
      config,
      logger,
      core: deps.core,
      curator: undefined,
      store: undefined,
      metrics: undefined,
      readiness,
      deps,
      ops: createOpsStatus({ core: deps.core }),
      reloadAskedWhileBooting: () => false,
    } satisfies Booted;
    const started = new Promise<void>((resolve) => written.on('line', (line: string) => line.includes('"msg":"adapter started"') && resolve()));
    try {
      // What /readyz serves (the operations server's one readiness model), without a port.
      const ops = await startOps(booted, { serve: false });
      const exited = new Promise<number>((resolve) => void runAdapters(booted, [adapter], { ops, signals: false, exit: resolve }));
      await started;
      expect(readiness.snapshot()).toEqual({ ready: true, components: { discord: { ready: true } } });
      fake.fail({ method: 'POST', path: MESSAGE_POST, status: 401, message: '401: Unauthorized' });
      fake.userMessage(`<@${fake.bot.id}> how much gas?`, { mentions: [fake.bot] });
      expect(await exited).toBe(1);
      expect(readiness.snapshot()).toEqual({
        ready: false,
        components: { discord: { ready: false, reason: expect.stringMatching(/^DISCORD_TOKEN was rejected by Discord/) } },
      });
      // The reason outlives the adapter's own state: /readyz names the rejected token, not 'shutting down' or a closed gateway.
      expect(ops.readiness()).toEqual({ ready: false, reasons: [expect.stringMatching(/^discord: DISCORD_TOKEN was rejected by Discord/)] });
    } finally {
      deps.close();
      await fake.close();
    }
  });
});
