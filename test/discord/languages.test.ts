import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { renderDiscordReply, renderDiscordText } from '../../src/adapters/discord/render.js';
import { createCore } from '../../src/core/core.js';
import { t } from '../../src/core/i18n/index.js';
import { DEFAULT_TUNING } from '../../src/core/match/matcher.js';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import { runTranscript } from '../support/transcript.js';
import { type Bot, buttonsOf, EPHEMERAL, knowledgeBase, OPTION, startBot, testCore } from './harness.js';
import { limitViolations } from './limits.js';

const ru = t('ru');
const fa = t('fa');
const RLM = '\u200F';

/** Every string a reader sees in a reply or post: content, embed texts, button and menu labels. */
function strings(data: any): string[] {
  const embeds = (data.embeds ?? []).flatMap((e: any) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]), e.footer?.text]);
  const components = buttonsOf(data).flatMap((c: any) => [c.label, c.placeholder, ...(c.options ?? []).map((o: any) => o.label)]);
  return [data.content, ...embeds, ...components].filter((s): s is string => typeof s === 'string');
}
const visible = (data: any) => strings(data).join('\n');

/** Persian reads right to left: every line that shows anything starts with a Persian letter or an RLM. Emoji-only labels excepted. */
function expectRightToLeft(data: any) {
  for (const text of strings(data)) {
    for (const line of text.split('\n')) {
      if (/^[\s\p{Cf}]*$/u.test(line) || /^\p{Extended_Pictographic}+$/u.test(line)) continue;
      expect(/^(?:\u200F|(?=\p{L})\p{Script=Arabic})/u.test(line), `not right to left: ${JSON.stringify(line.slice(0, 60))}`).toBe(true);
    }
  }
}

describe('Discord in Russian and Persian: a transcript per reply kind', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  const announcements = () => bot.fake.channel('announcements');
  /**
   * One transcript line through the fake gateway, from a client set to `locale`:
   * `/help`, `/card <topic> <language>` (the post in the channel), anything else is `/ask`.
   */
  const say = (locale: string) => async (line: string): Promise<string> => {
    const [command, ...args] = line.split(' ');
    if (command === '/help') return visible((await bot.fake.waitForResponse(bot.fake.slash('help', [], { locale }))).data);
    if (command === '/card') {
      const target = announcements();
      const before = bot.fake.calls.length;
      bot.fake.slash(
        'card',
        [
          { name: 'topic', type: OPTION.string, value: args[0] },
          { name: 'channel', type: OPTION.channel, value: target.id },
          { name: 'language', type: OPTION.string, value: args[1] },
        ],
        { locale, resolved: { channels: { [target.id]: { id: target.id, name: target.name, type: 0, permissions: '0' } } } },
      );
      const post = await bot.fake.waitForCall((c) => bot.fake.calls.indexOf(c) >= before && c.method === 'POST' && c.path === `/channels/${target.id}/messages`);
      return visible(post.body);
    }
    return visible((await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: line }], { locale }))).data);
  };
  const ask = async (question: string, locale: string) => (await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: question }], { locale }))).data;

  it('Russian: answer (the asked fact first), decline, help, card', async () => {
    const problems = await runTranscript(
      `
      # answer: the date asked for comes first
      user> Когда был подписан договор между Россией и Ираном?
      bot~ 17 января 2025
      bot~ ${ru.source}:
      bot!~ Source:
      # off-topic in Russian is declined in Russian
      user> Как приготовить вкусную пиццу дома?
      bot~ Извините, я отвечаю только на вопросы о договоре
      bot~ ${ru.topicsButton}
      bot!~ Sorry
      # help in the client's language
      user> /help
      bot~ ${ru.helpTitle}
      bot~ 17 января 2025
      bot~ ${ru.discordPickTopic}
      # a summary card in Russian
      user> /card gas ru
      bot~ ${ru.cardFooter}
      bot~ Партнёрство в сфере природного газа
      bot~ 55 млрд
      bot!~ Summary card
      `,
      say('ru'),
    );
    expect(problems).toEqual([]);
    const answer = await ask('Когда был подписан договор между Россией и Ираном?', 'ru');
    expect(answer.embeds[0].description).toMatch(/^\*\*[^*]*17 января 2025/); // the lead, in bold, states the date
    for (const b of buttonsOf(answer)) expect(parseCustomId(b.custom_id)).toMatchObject({ lang: 'ru' });
    expect(limitViolations(answer)).toEqual([]);
  });

  it('Persian (Discord has no Persian locale: the script decides): answer, decline, help, card — all right to left', async () => {
    const problems = await runTranscript(
      `
      user> این پیمان در چه روزی امضا شد؟
      bot~ ۱۷ ژانویه ۲۰۲۵
      bot~ ${fa.source}:
      user> چگونه پیتزای خوشمزه بپزم؟
      bot~ متأسفم، من فقط به پرسش‌ها
      bot~ ${fa.topicsButton}
      bot!~ Sorry
      user> کمک
      bot~ ${fa.helpTitle}
      bot~ ۱۷ ژانویهٔ ۲۰۲۵
      user> /card bilateral-trade fa
      bot~ ${fa.cardFooter}
      bot~ تجارت دوجانبه
      bot~ ۳٫۷۷ میلیارد دلار
      bot!~ Summary card
      `,
      say('en-US'),
    );
    expect(problems).toEqual([]);
    const answer = await ask('این پیمان در چه روزی امضا شد؟', 'en-US');
    expect(answer.embeds[0].description).toMatch(/^\u200F?\*\*[^*]*۱۷ ژانویه ۲۰۲۵/);
    for (const b of buttonsOf(answer)) expect(parseCustomId(b.custom_id)).toMatchObject({ lang: 'fa' });
    for (const question of ['این پیمان در چه روزی امضا شد؟', 'چگونه پیتزای خوشمزه بپزم؟', 'کمک', 'ایران از روسیه چقدر گاز خواهد گرفت؟']) expectRightToLeft(await ask(question, 'en-US'));
    const posts = bot.fake.calls.filter((c) => c.path === `/channels/${announcements().id}/messages`);
    expectRightToLeft(posts.at(-1)!.body);
  });

  it('buttons keep the message’s language: a related topic and the Topics list open in it for anyone', async () => {
    const answer = await ask('ایران از روسیه چقدر گاز خواهد گرفت؟', 'en-US');
    const related = buttonsOf(answer).find((b) => parseCustomId(b.custom_id)?.kind === 'topic');
    const opened = await bot.fake.waitForResponse(bot.fake.component(related.custom_id, { locale: 'ru' }));
    expect(opened.data.embeds[0].title).toBe(related.label);
    expect(opened.data.embeds[0].title).toMatch(/\p{Script=Arabic}/u);
    expectRightToLeft(opened.data);

    const declined = await ask('Как приготовить вкусную пиццу дома?', 'en-US');
    const list = await bot.fake.waitForResponse(bot.fake.component(buttonsOf(declined)[0].custom_id));
    expect(list.data.embeds[0].title).toBe(ru.topicsTitle);
    expect(list.data.components[0].components[0].placeholder).toBe(ru.discordPickTopic);
  });

  it('commands without a question speak the client’s language; the moderator’s confirmation too', async () => {
    expect((await bot.fake.waitForResponse(bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: 'gas' }], { locale: 'ru' }))).data.embeds[0].title).toBe(
      'Партнёрство в сфере природного газа',
    );
    expect((await bot.fake.waitForResponse(bot.fake.slash('topics', [], { locale: 'ru' }))).data.embeds[0].title).toBe(ru.topicsTitle);
    const unknown = await bot.fake.waitForResponse(bot.fake.slash('topic', [{ name: 'name', type: OPTION.string, value: 'nope' }], { locale: 'ru' }));
    expect(unknown.data).toMatchObject({ content: ru.unknownTopic('nope'), flags: EPHEMERAL });
    const typed = await bot.fake.waitForResponse(bot.fake.autocomplete('topic', [{ name: 'name', type: OPTION.string, value: 'газ', focused: true }], { locale: 'en-US' }));
    expect(typed.data.choices[0]).toEqual({ name: 'Партнёрство в сфере природного газа', value: 'gas' });
    const persian = await bot.fake.waitForResponse(bot.fake.autocomplete('card', [{ name: 'topic', type: OPTION.string, value: 'گاز', focused: true }]));
    expect(persian.data.choices[0]).toEqual({ name: 'همکاری در زمینه گاز طبیعی', value: 'gas' });

    const target = announcements();
    const sent = bot.fake.slash(
      'card',
      [
        { name: 'topic', type: OPTION.string, value: 'gas' },
        { name: 'channel', type: OPTION.channel, value: target.id },
      ],
      { locale: 'ru', resolved: { channels: { [target.id]: { id: target.id, name: target.name, type: 0, permissions: '0' } } } },
    );
    const { data } = await bot.fake.waitForResponse(sent);
    expect(data.content).toMatch(new RegExp(`^${ru.discordCardPosted(`<#${target.id}>`, 'LINK').replace('LINK', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

/**
 * Did-you-mean depends on where a question falls between the matcher's thresholds, which
 * calibration moves; a core sure of nothing (answer threshold above 1) makes every
 * on-topic question a did-you-mean, so these transcripts test the adapter, not the day's calibration.
 */
describe('Discord did-you-mean in Russian and Persian', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot({ core: createCore(await knowledgeBase(), { ...DEFAULT_TUNING, answer: 1.01 }), env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => bot?.stop());

  for (const [locale, question, c, title] of [
    ['ru', 'Какой объём газа Иран будет получать из России?', ru, 'Партнёрство в сфере природного газа'],
    ['en-US', 'ایران از روسیه چقدر گاز خواهد گرفت؟', fa, 'همکاری در زمینه گاز طبیعی'],
  ] as const) {
    it(`${c === ru ? 'Russian' : 'Persian'}: offers topics in the question’s language; a suggestion opens in it`, async () => {
      let last: any;
      const problems = await runTranscript(
        `
        user> ${question}
        bot~ ${c.suggestText}
        bot~ ${title}
        bot~ ${c.topicsButton}
        `,
        async (text) => {
          last = (await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: text }], { locale }))).data;
          return visible(last);
        },
      );
      expect(problems).toEqual([]);
      if (c === fa) expectRightToLeft(last);
      const suggestion = buttonsOf(last).find((b) => b.label.replace(RLM, '') === title);
      expect(parseCustomId(suggestion.custom_id)).toEqual({ kind: 'topic', lang: c === ru ? 'ru' : 'fa', topicId: 'gas' });
      const opened = await bot.fake.waitForResponse(bot.fake.component(suggestion.custom_id));
      expect(opened.data.embeds[0].title).toBe(title);
    });
  }
});

describe('right to left in the renderer', () => {
  it('Persian lines that would start left to right (Latin, digits, markdown, bullets) get an RLM; numbers and Latin names stay intact', async () => {
    const core = await testCore();
    const gas = core.topic('gas', 'fa') as AnswerReply;
    const reply: AnswerReply = {
      ...gas,
      lead: 'LNG از طریق ایران',
      details: '55 bcm\n• INSTC و ۳٫۷۷\n\nروسیه',
      facts: [{ label: 'INSTC', value: '$3.77 bn' }, ...gas.facts],
    };
    const data = renderDiscordReply(reply);
    expectRightToLeft(data);
    const embed = data.embeds[0]!;
    expect(embed.description).toBe(`${RLM}**LNG از طریق ایران**\n\n${RLM}55 bcm\n${RLM}• INSTC و ۳٫۷۷\n\nروسیه`);
    expect(embed.fields![0]).toMatchObject({ name: `${RLM}INSTC`, value: `${RLM}$3.77 bn` });
    expect(embed.title).toBe(gas.title); // starts with a Persian letter: left as it is
    expectRightToLeft(renderDiscordText(reply));
    for (const r of [core.card('gas', 'fa'), core.help('help', 'fa'), core.help('topics', 'fa'), core.topic('nope', 'fa')] as Reply[]) expectRightToLeft(renderDiscordReply(r));
    // Other languages are left alone.
    expect(renderDiscordReply({ ...reply, lang: 'ru' }).embeds[0]!.description).not.toContain(RLM);
  });

  it('trimming never splits a surrogate pair, Persian or not', () => {
    for (const lang of ['fa', 'en'] as const) {
      const text = `${'😀'.repeat(3000)}`;
      const data = renderDiscordReply({ kind: 'notice', lang, level: 'info', text });
      expect(data.content!.length).toBeLessThanOrEqual(2000);
      expect(data.content).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      const embed = renderDiscordReply({ kind: 'decline', lang, reason: 'offtopic', text: `آ${'😀'.repeat(5000)}`, topics: [] }).embeds[0]!;
      expect(embed.description!.length).toBeLessThanOrEqual(4096);
      expect(embed.description).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
