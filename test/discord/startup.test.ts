import { describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import { createCurator } from '../../src/curator/curator.js';
import { FAKE_TOKEN, startFakeDiscord } from '../fakes/discord-gateway.js';
import { t } from '../../src/core/i18n/index.js';
import { buttonsOf, captureLogger, OPTION, startBot, testConfig, testCore } from './harness.js';

describe('Discord adapter start-up and connection', () => {
  it('fails to start with a clear message naming DISCORD_TOKEN when Discord rejects the token', async () => {
    const fake = await startFakeDiscord({ token: 'MTAwMDAwMDAwMDAwMDAwMDAy.OtHeR1.the-token-the-fake-expects_0123456789' });
    try {
      const config = testConfig(fake, { DB_PATH: '', WATCH_DATA: 'false' });
      const { logger, lines } = captureLogger(config);
      const core = await testCore();
      const curator = createCurator(config, core, logger);
      const adapter = createDiscordAdapter(config, core, logger, curator);
      const failure = await adapter.start().then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure!.message).toMatch(/DISCORD_TOKEN/);
      expect(failure!.message).toMatch(/rejected/);
      expect(failure!.message).not.toContain(FAKE_TOKEN);
      expect(fake.calls.map((c) => [c.path, c.status])).toEqual([['/gateway/bot', 401]]);
      expect(fake.identifies).toEqual([]);
      expect(lines.join('\n')).not.toContain(FAKE_TOKEN);
      await adapter.stop();
      curator.close();
    } finally {
      await fake.close();
    }
  });

  it('resumes the session after the gateway drops the connection and keeps answering', async () => {
    const bot = await startBot();
    try {
      bot.fake.disconnect(4000);
      const resumed = await bot.fake.waitForResume();
      expect(bot.fake.identifies).toHaveLength(1);
      expect(bot.fake.resumes).toEqual([resumed]);
      const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
      expect(data.embeds[0].description).toContain('55');
      expect(bot.logs().some((l) => l.msg === 'discord shard resumed')).toBe(true);
    } finally {
      await bot.stop();
    }
  });

  it('a button sent before a restart still answers afterwards (its state is all in the custom_id)', async () => {
    const bot = await startBot();
    const asked = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: 'how much gas' }]));
    const button = asked.data.components[0].components[0];
    await bot.adapter.stop();
    const restarted = createDiscordAdapter(bot.config, await testCore(), captureLogger(bot.config).logger, bot.curator);
    try {
      await restarted.start();
      expect(bot.fake.identifies).toHaveLength(2);
      const { data } = await bot.fake.waitForResponse(bot.fake.component(button.custom_id));
      expect(data.embeds[0].title).toBe(button.label);
      // 👍 under the answer from before the restart is still understood and stored.
      const up = buttonsOf(asked.data).find((b) => b.label === '👍');
      const vote = await bot.fake.waitForResponse(bot.fake.component(up.custom_id));
      expect(vote.data.content).toBe(t('en').discordVoteThanks);
    } finally {
      await restarted.stop();
      await bot.stop();
    }
  });

  it('stop() closes the gateway connection', async () => {
    const bot = await startBot();
    const closed = new Promise<void>((resolve) => bot.fake.once('socket-closed', () => resolve()));
    await bot.adapter.stop();
    await closed;
    await bot.stop();
  });
});
