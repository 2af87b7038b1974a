import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/adapters/discord/custom-id.js';
import { renderCodeBlock, renderDiscordReply, renderDiscordText, withCardImage, type DiscordMessage } from '../../src/adapters/discord/render.js';
import { sanitize } from '../../src/adapters/discord/text.js';
import type { AnswerReply, Reply } from '../../src/core/reply.js';
import type { RecordedCall } from '../fakes/discord-gateway.js';
import { hostileReplies, hostileText } from '../support/arbitraries.js';
import { type Bot, OPTION, startBot } from './harness.js';
import { limitViolations } from './limits.js';

const { lang, topicId, answer, card, reply } = hostileReplies({ topicIdParts: 7, topics: 150, facts: 30, related: 12, suggestions: 8, hostileUrl: true });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

/** Every string of a payload that Discord shows. */
function strings(message: DiscordMessage): string[] {
  const embeds = message.embeds.flatMap((e) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]);
  const parts = message.components.flatMap((row) => row.components as any[]);
  const components = parts.flatMap((c) => [c.label, c.placeholder, ...(c.options ?? []).flatMap((o: any) => [o.label, o.value])]);
  return [message.content, ...embeds, ...components].filter((s): s is string => typeof s === 'string');
}

/** What Discord requires and what we promise of every payload. */
function valid(message: DiscordMessage, r: Reply) {
  expect(limitViolations(message)).toEqual([]);
  expect(message.allowedMentions).toEqual({ parse: [] }); // nothing pings, whatever the text says
  for (const s of strings(message)) {
    expect(LONE_SURROGATE.test(s), JSON.stringify(s.slice(0, 40))).toBe(false);
    expect(BIDI_OVERRIDE.test(s)).toBe(false);
  }
  for (const row of message.components) {
    for (const c of row.components as any[]) {
      // Every component we send is understood when clicked, and answers in the message's language.
      expect(parseCustomId(c.custom_id), c.custom_id).toMatchObject({ lang: r.lang });
      expect(c.custom_id.length).toBeLessThanOrEqual(100);
    }
  }
}

/** Persian reads right to left: every line that shows anything starts with a Persian letter, an RLM or the ellipsis of a cut. */
function rightToLeft(message: DiscordMessage) {
  for (const s of strings(message)) {
    for (const line of s.split('\n')) {
      if (/^[\s\p{Cf}]*$/u.test(line) || /^\p{Extended_Pictographic}+$/u.test(line) || /^[a-z0-9-]+$/.test(line)) continue; // blank, 👍/👎, topic ids as values
      expect(/^(?:\u200F|…|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}])/u.test(line), JSON.stringify(line.slice(0, 40))).toBe(true);
    }
  }
}

describe('property: the Discord renderer on hostile input', () => {
  it('never throws; every embed, component and custom_id limit holds; nothing pings; well-formed text; Persian right to left', () => {
    fc.assert(
      fc.property(reply, (r) => {
        for (const message of [renderDiscordReply(r), renderDiscordText(r)]) {
          valid(message, r);
          if (r.lang === 'fa') rightToLeft(message);
        }
        const message = renderDiscordReply(r);
        if (r.kind === 'notice') expect(message.embeds).toEqual([]);
        else expect(message.embeds).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('answers always end with 👍 / 👎 for their topic when its id can be carried; other kinds never have them', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const buttons = renderDiscordReply(r).components.flatMap((row) => row.components as any[]);
        const votes = buttons.map((b) => parseCustomId(b.custom_id)).filter((a) => a?.kind === 'feedback');
        const carried = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(r.kind === 'answer' || r.kind === 'card' ? r.topicId : '') && (r as AnswerReply).topicId.length <= 89;
        expect(votes).toEqual(r.kind === 'answer' && carried ? [
          { kind: 'feedback', lang: r.lang, topicId: r.topicId, vote: 1 },
          { kind: 'feedback', lang: r.lang, topicId: r.topicId, vote: -1 },
        ] : []);
      }),
      { numRuns: 300 },
    );
  });

  it('user text in a notice is shown as written (sanitised, markdown escaped), or its beginning and "…" — never as markup', () => {
    fc.assert(
      fc.property(hostileText, lang, (text, l) => {
        const { content } = renderDiscordReply({ kind: 'notice', lang: l, level: 'error', text });
        const shown = content!.replace(/\u200F/g, '').replace(/\\(.)/gsu, '$1');
        const written = sanitize(text).replace(/\u200F/g, '');
        if (/^[\s\p{Cf}]*$/u.test(written)) expect(content).toBe('…');
        else if (content!.length < 1900 && !content!.endsWith('…')) expect(shown).toBe(written);
        else expect(written.startsWith(shown.replace(/…$/, '').trimEnd())).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('summary cards with an image and the report in a code block stay within the limits too', () => {
    fc.assert(
      fc.property(card, hostileText, (c, report) => {
        const post = withCardImage(renderDiscordReply(c), c.topicId, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        valid(post, c);
        expect(post.files).toHaveLength(1);
        expect(post.files[0]!.name).toMatch(/^card-[A-Za-z0-9_-]{1,80}\.png$/);
        expect(post.embeds[0]!.image).toEqual({ url: `attachment://${post.files[0]!.name}` });
        const block = renderCodeBlock(report);
        expect(limitViolations(block)).toEqual([]);
        expect(block.allowedMentions).toEqual({ parse: [] });
        expect(block.content!.startsWith('```\n') && block.content!.endsWith('\n```')).toBe(true);
        expect(block.content!.match(/```/g)).toHaveLength(2); // nothing inside closes the block
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: the whole Discord adapter on hostile questions', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(() => bot?.stop());

  it('every /ask and every mention gets exactly one valid reply that pings nobody; nothing fails', async () => {
    const replyTo = (id: string) => (c: RecordedCall) => c.method === 'POST' && c.status === 200 && c.body?.message_reference?.message_id === id;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const question = text.slice(0, 1000) || '?';
        const { data } = await bot.fake.waitForResponse(bot.fake.slash('ask', [{ name: 'question', type: OPTION.string, value: question }]));
        expect(limitViolations(data)).toEqual([]);
        expect(data.allowed_mentions).toEqual({ parse: [] });
        const message = bot.fake.userMessage(`<@${bot.fake.bot.id}> ${text} @everyone <@&500000000000000001>`, { mentions: [bot.fake.bot] });
        const reply = await bot.fake.waitForCall(replyTo(message.id));
        expect(limitViolations(reply.body)).toEqual([]);
        expect(reply.body.allowed_mentions).toEqual({ parse: [] });
        expect(bot.fake.calls.filter(replyTo(message.id))).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
  });
});
