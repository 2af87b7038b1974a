import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import type { DriverFactory, Shown, SurfaceDriver, TestUser } from './driver.js';

/**
 * The contract every surface keeps: the same conversations, the same replies
 * and buttons, whatever the platform. Run once per surface from contract.test.ts.
 */
const alice: TestUser = { id: 7001 };
const boris: TestUser = { id: 7002, lang: 'ru' };
const mod: TestUser = { id: 7003, moderator: true };
const stranger: TestUser = { id: 7004 };

const has = (shown: Shown, ...parts: string[]) => {
  for (const part of parts) expect(shown.text.toLowerCase(), `reply: ${shown.text.slice(0, 300)}`).toContain(part.toLowerCase());
};

export function contractSuite(name: string, start: DriverFactory): void {
  describe(`${name}: the adapter contract`, () => {
    let bot: SurfaceDriver;
    beforeAll(async () => {
      bot = await start();
    });
    afterAll(async () => {
      await bot?.stop();
    });

    it('answers a question with the fact first, its source, related topics and a vote', async () => {
      const shown = await bot.ask(alice, 'How much gas will Russia supply to Iran each year?');
      has(shown, '55 billion cubic meters', '24 Jan 2025');
      expect(shown.buttons).toEqual(expect.arrayContaining(['👍', '👎']));
      expect(shown.buttons.length).toBeGreaterThan(2);
    });

    it('answers with the fact alone, and "More" opens the whole topic card with its key facts', async () => {
      const shown = await bot.ask(alice, 'Where does Russia keep its warships in Syria?');
      has(shown, 'naval base in Tartus');
      expect(shown.text).not.toContain('Key facts');
      const more = shown.buttons.find((b) => b.startsWith('More'));
      expect(more, `buttons: ${shown.buttons.join(' | ')}`).toBe("More: Middle East after Assad's fall");
      const card = await bot.press(alice, shown, more!);
      has(card, 'Middle East after Assad', 'Tartus', 'Hmeimim', '24 Jan 2025');
      expect(card.text.length).toBeGreaterThan(shown.text.length);
    });

    it('offers did-you-mean topics when unsure, and opens the one pressed', async () => {
      const unsure = await start({ unsure: true });
      try {
        // (A question two topics answer alike: one a claim settles by its words is answered, however unsure the matcher.)
        const shown = await unsure.ask(alice, 'tell me about gas and pipelines');
        has(shown, 'Did you mean');
        expect(shown.buttons).toContain('Natural gas partnership');
        has(await unsure.press(alice, shown, 'Natural gas partnership'), '55 billion');
      } finally {
        await unsure.stop();
      }
    });

    it('declines an off-topic question plainly, with a few topics and the full list one press away', async () => {
      const shown = await bot.ask(alice, 'What is a good recipe for pancakes?');
      has(shown, 'only answer questions about the Russia–Iran');
      expect(shown.buttons.length).toBeLessThanOrEqual(4);
      expect(shown.buttons).toContain('Topics');
      const list = await bot.press(alice, shown, 'Topics');
      expect(list.buttons.join(' ')).toContain('Natural gas partnership');
    });

    it('help and topics list every topic; a topic opens from the list', async () => {
      const help = await bot.command(alice, 'help');
      has(help, 'What I can answer');
      const topics = await bot.command(alice, 'topics');
      expect(topics.buttons).toContain('Independent financial systems (Mir and Shetab)');
      const opened = await bot.press(alice, topics, 'Independent financial systems (Mir and Shetab)');
      has(opened, 'Mir');
    });

    it('shows one topic by id, and says plainly when there is none', async () => {
      has(await bot.command(alice, 'topic', { topic: 'instc' }), 'Rasht');
      has(await bot.command(alice, 'topic', { topic: 'no-such-topic' }), 'There is no topic');
    });

    it('counts one vote per user per answer, and says when a vote changes', async () => {
      const answer = await bot.ask(alice, 'Who signed the agreement?');
      has(answer, 'Putin');
      has(await bot.press(alice, answer, '👍'), 'Thanks for your feedback');
      has(await bot.press(alice, answer, '👍'), 'already recorded');
      has(await bot.press(alice, answer, '👎'), 'Vote changed');
    });

    it('refuses moderator commands to others and serves moderators', async () => {
      const refused = await bot.command(stranger, 'reload');
      expect(refused.text).toMatch(/\/reload/);
      expect(refused.text).not.toMatch(/Data reloaded/);
      has(await bot.command(mod, 'reload'), 'Data reloaded');
      const report = await bot.command(mod, 'unanswered');
      has(report, 'Top unanswered questions');
      const card = await bot.command(mod, 'card', { topic: 'gas' });
      has(card, '55 bcm');
    });

    it('answers in the question’s language, and lays Persian out right to left', async () => {
      has(await bot.ask(boris, 'Сколько газа Россия будет поставлять Ирану?'), '55 млрд');
      const fa = await bot.ask(alice, 'روسیه چقدر گاز به ایران می‌دهد؟');
      has(fa, '۵۵');
      expect(fa.rtl).toBe(true);
      expect(fa.buttons).toEqual(expect.arrayContaining(['👍', '👎']));
    });

    it('shows hostile input back harmlessly and never fails on it', async () => {
      const shown = await bot.ask(alice, 'gas <b>bold</b> @everyone \u202Eevil\u202C \u0000 <script>x</script>');
      expect(shown.text).not.toContain('\u202E');
      expect(shown.text).not.toContain('\u0000');
      expect(shown.text.length).toBeGreaterThan(0);
      const long = await bot.ask(alice, `how much gas ${'very '.repeat(400)}`);
      has(long, 'very long');
    });

    it('tells an unknown command apart from a question', async () => {
      has(await bot.command(alice, 'frobnicate'), 'Unknown command /frobnicate');
    });

    it('asks a flooding user once to slow down, then stays silent', async () => {
      const flooder = await start({ ratePerMinute: 3 });
      try {
        const shown = await flooder.flood({ id: 7099 }, 'how much gas?', 6);
        expect(shown.filter((s) => /55/.test(s.text))).toHaveLength(3);
        expect(shown.filter((s) => /too fast/.test(s.text))).toHaveLength(1);
        expect(shown).toHaveLength(4);
      } finally {
        await flooder.stop();
      }
    });
  });
}
