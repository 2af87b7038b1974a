import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/kit/plain-text.js';
import { LEAD_CHARS } from '../../../src/core/answer/compose.js';
import { createExpectations } from '../../../src/core/answer/expect.js';
import { joinClaims } from '../../../src/core/answer/compose.js';
import { createConversation } from '../../../src/core/conversation/conversation.js';
import { createFloodControl } from '../../../src/core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../../../src/core/conversation/memory.js';
import type { Core } from '../../../src/core/core.js';
import type { KnowledgeBase, Lang } from '../../../src/core/data/schema.js';
import type { Reply } from '../../../src/core/reply.js';
import { normalizeText } from '../../../src/core/text/normalize.js';
import { realCore, realKnowledgeBase } from '../../support/core.js';
import { capturingLogger } from '../../support/log.js';

let kb: KnowledgeBase;
let core: Core;
beforeAll(async () => {
  kb = await realKnowledgeBase();
  core = await realCore();
});

const lead = (reply: Reply) => (reply.kind === 'answer' ? reply.lead : '');

describe('what a question expects', () => {
  const expects = (q: string, lang: Lang) => createExpectations(kb)(normalizeText(q), lang);

  it('the kind of thing a which-question asks for, in every language', () => {
    for (const [q, lang, kind] of [
      ['Which airbase does Russia use in Syria?', 'en', 'facility'],
      ['Which countries is Iran expanding partnerships with?', 'en', 'country'],
      ['Which bloc are they deepening ties in?', 'en', 'organisation'],
      ['What kinds of operations will the drills focus on?', 'en', 'activity'],
      ['Into which sectors will trade grow?', 'en', 'sector'],
      ['Which sea are the ports on?', 'en', 'sea'],
      ['On which sea is that?', 'en', 'sea'],
      ['В каких отраслях вырастет торговля?', 'ru', 'sector'],
      ['За счёт каких секторов собираются нарастить торговлю?', 'ru', 'sector'],
      ['در کدام بخش‌ها تجارت گسترش می‌یابد؟', 'fa', 'sector'],
    ] as const) {
      expect(expects(q, lang).kind, q).toBe(kind);
    }
    expect(expects('How much gas will Russia supply?', 'en').kind).toBeUndefined();
    // (An adverb or adjective of a kind's noun is none: "what's it doing regionally", read "regional".)
    expect(expects('what it doing regional', 'en').kind).toBeUndefined();
    expect(expects('which regions is it about', 'en').kind).toBe('region');
    // (A later "when" joins a clause to a which-question; "and when" asks a second question.)
    expect(expects('which ports are named when the article discusses the corridor', 'en').types).not.toContain('when');
    expect(expects('in which city and when was it signed', 'en').types).toContain('when');
  });

  it('reads Persian "کدام‌اند" as a which-question and "sites" as facilities, never as a yes/no', () => {
    const bases = core.ask('پایگاه‌های روسیه در سوریه کدام‌اند؟').reply;
    expect(lead(bases)).not.toMatch(/^بله/);
    expect(lead(bases)).toMatch(/طرطوس/);
    expect(lead(core.ask('Which sites does Russia hold on to in Syria?').reply)).toMatch(/Tartus/);
    expect(lead(core.ask('They’re upgrading ports on the Caspian, right?').reply)).toMatch(/^Yes\./);
  });

  it('reads a Persian noun that a closing "کدام‌اند" asks of as the kind asked for, several of them', () => {
    expect(expects('نیروگاه‌های مورد همکاری کدام‌اند؟', 'fa')).toMatchObject({ kind: 'facility', many: true });
    expect(expects('پایگاه روسیه در سوریه کدام است؟', 'fa')).toMatchObject({ kind: 'facility' });
    const bases = lead(core.ask('پایگاه‌های روسیه در خاک سوریه کدامند؟').reply);
    expect(bases).toMatch(/طرطوس/);
    expect(bases).toMatch(/حمیمیم/);
  });

  it('answers where several things of a kind are, none of them named, with all of them, in every language', () => {
    for (const q of ['Where does Russia have its bases in Syria?', 'Где у России базы в Сирии?']) {
      const text = lead(core.ask(q).reply);
      expect(text, q).toMatch(/Tartus|Тартус/);
      expect(text, q).toMatch(/Hmeimim|Хмеймим/);
    }
  });

  it('a kind that one claim names settles a topic the matcher is unsure of, and "name the X" asks for X', () => {
    expect(lead(core.ask('With what country do the two keep up their energy and transport ties?').reply)).toMatch(/Baku/);
    expect(lead(core.ask('Name the blocs where the two are deepening ties').reply)).toMatch(/BRICS/);
  });

  it('the kind from the noun that heads the phrase, never past a verb; names asked for as such', () => {
    expect(expects('Which two national currencies settle their trade?', 'en').kind).toBe('currency');
    expect(expects('What did both countries agree on?', 'en').kind).toBeUndefined();
    expect(expects('What is the stated purpose of the drills?', 'en').kind).toBeUndefined();
    expect(expects('Upgrades on which body of water?', 'en').kind).toBe('sea');
    expect(expects('Give me the names of the blocs', 'en')).toMatchObject({ kind: 'organisation', specific: true });
    expect(expects('Какие именно порты модернизируют?', 'ru')).toMatchObject({ kind: 'facility', specific: true });
    expect(expects('Which ports are upgraded?', 'en').specific).toBeUndefined();
  });

  it('question types, and yes/no in every language (a choice is no yes/no question)', () => {
    expect(expects('When was it signed?', 'en').types).toContain('when');
    expect(expects('How long does the deal last?', 'en').types).toContain('how_long');
    expect(expects('Is the partnership intended to last two decades?', 'en')).toMatchObject({ yesno: true });
    for (const [q, lang] of [
      ['Was the agreement signed in Moscow?', 'en'],
      ['According to the article, does Russia keep its base in Tartus?', 'en'],
      ['Подписали ли соглашение в Москве?', 'ru'],
      ['آیا توافق در مسکو امضا شد؟', 'fa'],
    ] as const) {
      expect(expects(q, lang).yesno, q).toBe(true);
    }
    expect(expects('Is it a ten- or a twenty-year deal?', 'en').yesno).toBe(false);
    expect(expects('Where was it signed?', 'en').yesno).toBe(false);
  });
});

describe('choosing the claim that answers', () => {
  it('leads with the asked fact, in a short lead, however the topic begins', () => {
    for (const [q, fact] of [
      ['Where does Russia keep its warships in Syria?', /Tartus/],
      ['Which airbase does Russia use in Syria?', /Hmeimim/],
      ['Who is Iran getting closer to in order to offset Baku?', /Armenia/],
      ['Into what sectors will trade grow?', /agriculture, technology, defense, and pharmaceuticals/],
      ['What kinds of fighting will the drills practise?', /counterinsurgency, naval operations, and urban warfare/],
      ['Which blocs are they deepening ties in?', /BRICS/],
      ['Which countries is Iran expanding economic partnerships with?', /China and India/],
      ['Which sea are the ports on?', /Caspian/],
      ['How long does the agreement last?', /20-year/],
      ['Why did they sign it?', /Western sanctions/],
      ['Is the partnership intended to last two decades?', /^Yes\. .*20-year/],
      ['Whose expanding regional influence are Moscow and Tehran trying to contain?', /Turk/],
      ['What percentage of Russia-Iran transactions are now done in their own currencies?', /95%/],
      ['In which year did trade between the two reach $3.77bn?', /2024/],
      ['What are the joint task forces supposed to fight?', /cyber threats/],
      ['Кто победил в Нагорном Карабахе в 2023 году по данным статьи?', /Азербайджан/],
    ] as const) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered', form: 'short' });
      expect(lead(reply), q).toMatch(fact);
      expect(lead(reply).length, q).toBeLessThanOrEqual(LEAD_CHARS);
    }
  });

  it('answers "the three things" with the claims split from one sentence', () => {
    const text = lead(core.ask('What are the three main things the 20-year deal is designed to strengthen?').reply);
    for (const aim of [/economic cooperation/, /security collaboration/, /financial independence/]) expect(text).toMatch(aim);
  });

  it('reads "which country\'s X" as asking for a country, not a place, and answers what the lead gives without a disclaimer', () => {
    expect(lead(core.ask('Which country’s growing influence do Moscow and Tehran want to contain?').reply)).toMatch(/Turk/);
    expect(lead(core.ask('Which currency do both sides want to depend on less?').reply)).toMatch(/^The shift .*U\.S\. dollar/);
    expect(lead(core.ask('how long is this pact good for, anyway').reply)).toMatch(/^[^.]*20-year/);
  });

  it('says claims that open alike as one sentence, the shared opening (and a shared Persian verb) once', () => {
    expect(
      joinClaims(['The deal is designed to deepen trade.', 'The deal is designed to enhance security.', 'The deal is designed to strengthen finance.'], 'en'),
    ).toBe('The deal is designed to deepen trade, enhance security, and strengthen finance.');
    expect(joinClaims(['توافق روسیه و ایران برای تعمیق تجارت طراحی شده است.', 'توافق روسیه و ایران برای تقویت امنیت طراحی شده است.'], 'fa')).toBe(
      'توافق روسیه و ایران برای تعمیق تجارت و تقویت امنیت طراحی شده است.',
    );
    // Claims that share only their subject stay two sentences.
    expect(joinClaims(['Russia and Iran sign.', 'Russia and Iran trade.'], 'en')).toBe('Russia and Iran sign. Russia and Iran trade.');
    expect(lead(core.ask('Name the three goals the pact is meant to serve').reply)).toMatch(
      /economic cooperation, enhance regional security collaboration, and strengthen financial independence\.$/,
    );
  });

  it('reads "can you break down / fill me in on X" as a request, never a yes/no', () => {
    for (const q of ['Can you break down the main pillars of the agreement?', 'Could you fill me in on the gas deal?']) {
      expect(lead(core.ask(q).reply), q).not.toMatch(/^(?:Yes|No)\b/);
    }
  });

  it('answers a plural which-question with every claim naming one of that kind', () => {
    expect(lead(core.ask('Which Russian military facilities in Syria are mentioned?').reply)).toMatch(/Tartus.*Hmeimim/);
    expect(lead(core.ask('Какие российские военные базы в Сирии упоминаются?').reply)).toMatch(/Тартус.*Хмеймим/);
    expect(lead(core.ask('Which airbase does Russia use in Syria?').reply)).not.toMatch(/Tartus/);
  });

  it('reads "this agreement" as the frame: a subject of its own decides the topic, none leaves it the agreement', () => {
    for (const [q, topic] of [
      ['همکاری نظامی ایران و روسیه در این توافق شامل چه مواردی است؟', 'joint-exercises'],
      ['What does this deal say about the joint drills?', 'joint-exercises'],
      ['How long does this agreement last?', 'treaty'],
      ['چه چیزی باعث شد ایران و روسیه این پیمان را امضا کنند؟', 'aims'],
      ['Сколько лет действует этот договор?', 'treaty'],
    ] as const) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: topic });
    }
  });

  it('summarises one topic asked for as a part of the source ("the X section", "the X angle of this story")', () => {
    for (const [q, topic] of [
      ['Recap the Syria part of the piece', 'middle-east-after-assad'],
      ['What is the South Caucasus angle of this story?', 'south-caucasus'],
      ['Run me through the gas numbers', 'gas'],
    ] as const) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'answer', topicId: topic, grounding: 'answered' });
      expect(reply.kind === 'answer' && reply.actions.some((a) => a.action.kind === 'more' && a.action.topicId === topic), q).toBe(true);
    }
  });

  it('summarises an area of the source (the financial side, security) topic by topic, with a button to each, in every language', () => {
    for (const [q, area, topics] of [
      ['Tell me about the money side of the partnership', 'finance', ['local-currencies', 'mir-shetab']],
      ['security?', 'security', ['defensive-clause', 'joint-exercises', 'cyber-counterterrorism']],
      ['What does this deal say about military cooperation?', 'security', ['defensive-clause', 'joint-exercises', 'cyber-counterterrorism']],
      ['Какие экономические аспекты у соглашения?', 'economy', ['bilateral-trade', 'gas', 'trade-hub', 'economic-realignments']],
      ['بخش حمل و نقل توافق را توضیح بده', 'transport', ['instc', 'trade-hub']],
      ['Give me a quick rundown of the money side', 'finance', ['local-currencies', 'mir-shetab']],
      ['Walk me through the military and defence provisions', 'security', ['defensive-clause', 'joint-exercises', 'cyber-counterterrorism']],
    ] as const) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered', area, topicId: topics[0] });
      if (reply.kind !== 'answer') continue;
      // Each topic's one-sentence answer, in order, and a button to each; the source line names no single paragraph.
      const shorts = topics.map((id) => kb.topics.find((x) => x.id === id)!.short[reply.lang]);
      expect(`${reply.lead} ${reply.details}`, q).toBe(shorts.join(' '));
      expect(
        reply.actions.filter((a) => a.action.kind === 'topic').map((a) => a.action.kind === 'topic' && a.action.topicId),
        q,
      ).toEqual([...topics]);
      expect(reply.source.paragraph, q).toBeUndefined();
    }
    // A thing of the area, or a yes/no about it, is a question, not a request for the area.
    expect(core.ask('What will the joint military drills focus on?').reply).toMatchObject({ kind: 'answer', topicId: 'joint-exercises' });
    expect(core.ask('Is there a security clause?').reply).not.toHaveProperty('area');
    // Two areas at once are no one area.
    expect(core.ask('Summarise the economic and security sides').reply).not.toHaveProperty('area');
  });

  it('never says yes when the question has a word the source never uses, and answers "does the article say…?" with no', () => {
    // "Weapon" is nowhere in the source: the nuclear claims are about power plants (and "سلاح" is no typo for "سلام", hello).
    for (const q of ['Is Russia handing Iran nuclear weapons?', 'آیا روسیه به ایران سلاح هسته‌ای می‌دهد؟', 'Передаст ли Россия Ирану ядерное оружие?']) {
      const reply = core.ask(q).reply;
      expect(reply.kind === 'answer' ? reply.grounding : reply.kind, q).not.toBe('answered');
      expect(renderText(reply), q).not.toMatch(/^(?:Yes|Да|بله)/);
    }
    const weapon = core.ask('Does the article say Russia is helping Iran build a nuclear weapon?').reply;
    expect(lead(weapon)).toMatch(/^No, the source doesn’t say so\./);
    // Asked of the source itself, that "no" is the answer.
    expect(weapon).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(lead(core.ask('Говорится ли в статье о ядерном оружии?').reply)).toMatch(/^Нет, в источнике такого не сказано\./);
    // What it does say is still a yes.
    expect(lead(core.ask('Does the article mention Bushehr?').reply)).toMatch(/^Yes\./);
  });

  it('does not let the source named as such ("in the piece", "the report says") make the matcher unsure', () => {
    expect(lead(core.ask('Which Russian payment system does the report name?').reply)).toMatch(/Mir/);
    expect(lead(core.ask('What’s the yearly gas volume given in the piece?').reply)).toMatch(/55 billion/);
  });

  it('declines who wrote or published the article, saying what the source is, never naming the signatories', () => {
    for (const [q, date] of [
      ['Who is the author of this article?', /24 January 2025/],
      ['Which newspaper published the piece?', /24 January 2025/],
      ['Кто автор статьи?', /24 января 2025/],
      ['نویسنده این مقاله کیست؟', /۲۰۲۵/],
    ] as const) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'decline', reason: 'not-in-source' });
      expect(renderText(reply), q).toMatch(date);
      expect(renderText(reply), q).not.toMatch(/Putin|Путин|پوتین/);
    }
    expect(core.ask('What is your source?').reply).toMatchObject({ kind: 'help', mode: 'source' });
    expect(core.ask('Which date is on the article?').reply).toMatchObject({ kind: 'help', mode: 'source' });
    expect(core.ask('so whats the date of the piece').reply).toMatchObject({ kind: 'help', mode: 'source' });
  });

  it('reads "what is the article about", "key takeaways" as the whole overview', () => {
    for (const q of ["What's this article about?", 'What are the key takeaways?', 'what does the piece cover']) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'card', topicId: 'overview' });
    }
    expect(core.ask('key takeaways on the nuclear side').reply).toMatchObject({ kind: 'answer', topicId: 'nuclear' });
  });

  it('gives the summary of one topic for "an overview of X", the overview card for everything, and the source’s own date', () => {
    expect(core.ask('Give me an overview of the transport corridor plans.').reply).toMatchObject({ kind: 'answer', topicId: 'instc' });
    expect(core.ask('tl;dr of the nuclear stuff pls').reply).toMatchObject({ kind: 'answer', topicId: 'nuclear' });
    expect(core.ask('give me an overview').reply).toMatchObject({ kind: 'card', topicId: 'overview' });
    expect(renderText(core.ask('On what date was this article published?').reply)).toMatch(/published on 24 January 2025/);
  });

  it('leads with the claims whose subject is the party the question asks about, not those that act on it', () => {
    expect(lead(core.ask('Which nations has Azerbaijan been moving closer to?').reply)).toMatch(/^Azerbaijan has growing ties to Turkey and Israel/);
    expect(lead(core.ask('С какими государствами крепнут связи у Азербайджана?').reply)).toMatch(/Турци/);
  });

  it('of a country asked about as a whole, leads with a claim that names a particular thing there', () => {
    expect(lead(core.ask('What does Moscow still hold in Syria?').reply)).toMatch(/Tartus|Hmeimim/);
  });

  it('answers a percentage only with a figure in percent: a rate of growth when a rise is asked, never a volume', () => {
    const share = core.ask('What percent of Iran’s gas needs will Russia meet?').reply;
    expect(share).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(share)).toMatch(/^The source gives no figure for this\./);
    expect(lead(core.ask('By how many percent did trade rise in 2024?').reply)).toMatch(/15[.,]5%/);
    expect(core.ask('What share of last year’s trade was in machinery?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('What share of 2024 trade was farm goods?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(core.ask('What share of payments is made in national currencies?').reply)).toMatch(/95%/);
  });

  it('reads "areas" as what the deal covers, not as regions: the three aims in one sentence', () => {
    expect(lead(core.ask('Which three areas is the pact designed to reinforce?').reply)).toMatch(
      /economic cooperation.*regional security collaboration.*financial independence/,
    );
  });

  it('answers the areas asked about by how they are handled or what they try to become, topic by topic', () => {
    for (const q of ['How do the two handle payments?', 'Explain how they’re trying to become financially independent.'])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', area: 'finance' });
    expect(core.ask('What military stuff did they agree on?').reply).toMatchObject({ kind: 'answer', area: 'security' });
  });

  it('says claims of one sentence that fit alike together, and prefers a cause when the background is asked for', () => {
    expect(lead(core.ask('What is the pact designed to do?').reply)).toMatch(/economic cooperation, enhance regional security collaboration, and strengthen/);
    expect(lead(core.ask('What is the agreement meant for?').reply)).toMatch(/^The Russia–Iran strategic partnership agreement is designed to/);
    expect(lead(core.ask('What is the backdrop to the treaty?').reply)).toMatch(/response to Western sanctions/);
    expect(lead(core.ask('Какова предыстория договора?').reply)).toMatch(/ответом на западные санкции/);
  });

  it('reads "which parts of" a place as asking for regions, and "in general" as no typo of "central"', () => {
    expect(lead(core.ask('What parts of Syria are contested for their resources?').reply)).toMatch(/oil-rich areas/);
    expect(core.ask('Describe the security cooperation in general').reply).toMatchObject({ kind: 'answer', area: 'security' });
  });

  it('answers what the source says of a place it names only inside a thing’s name (the U.S. dollar), and no more', () => {
    for (const q of ['What does the article say about the USA?', 'Что в статье сказано о США?']) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'local-currencies' });
      expect(renderText(reply), q).toMatch(/U\.S\. dollar|доллар/);
    }
    expect(core.ask('What is Washington’s stance on the pact?').reply).toMatchObject({ kind: 'decline' });
    // Persian "article" and "said" stay what they are (no "confrontation", no "taken").
    expect(core.ask('در مقاله درباره آمریکا چه گفته شده؟').reply).toMatchObject({ kind: 'answer', topicId: 'local-currencies' });
  });

  it('describes a thing the question names when asked what kind of thing it is', () => {
    expect(lead(core.ask('What sort of base does Russia run at Tartus?').reply)).toMatch(/naval base in Tartus/);
    expect(lead(core.ask('What type of installation does Russia hold at Hmeimim?').reply)).toMatch(/airbase in Hmeimim/);
  });

  it('settles an unsure topic by the claim that says the question, and a kind asked over "where"', () => {
    expect(renderText(core.ask('What type of world order are Moscow and Tehran hoping to foster?').reply)).toMatch(/multipolar/);
    expect(lead(core.ask('Which capital do Moscow and Tehran keep energy and transport ties with?').reply)).toMatch(/Baku/);
    expect(lead(core.ask('In which city did the signing take place?').reply)).toMatch(/Moscow/);
  });

  it('adds at most two supporting sentences, never the lead again', () => {
    const { reply } = core.ask('How much gas will Russia supply to Iran?');
    if (reply.kind !== 'answer') throw new Error(reply.kind);
    const sentences = reply.details.split(/(?<=\.)\s+/).filter(Boolean);
    expect(sentences.length).toBeLessThanOrEqual(2);
    expect(reply.details).not.toContain(reply.lead);
    // Nor a sentence the lead already says inside a longer one.
    const order = core.ask('What kind of world order are the partners hoping to foster?').reply;
    if (order.kind !== 'answer') throw new Error(order.kind);
    for (const s of order.details.split(/(?<=\.)\s+/).filter(Boolean)) expect(order.lead, s).not.toContain(s.replace(/\.$/, ''));
  });

  it('says a lead that a supporting claim says with more words once, with the more', () => {
    const { reply } = core.ask('How does the SCO figure in this agreement?');
    expect(reply).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'global-alliances' });
    expect(lead(reply)).toMatch(
      /^Russia and Iran are deepening their ties within BRICS.* to counteract Western economic dominance and foster a multipolar world order\.$/,
    );
    expect(reply.kind === 'answer' && reply.details).not.toMatch(/deepening their ties/);
    expect(joinClaims(['They build a parallel system.', 'They build a parallel system to avoid sanctions.'], 'en')).toBe(
      'They build a parallel system to avoid sanctions.',
    );
  });

  it('summarises a section asked for by its heading in the source, or with "break down"', () => {
    const topicOf = (id: string) => kb.topics.find((x) => x.id === id)!;
    // (The article's heading, not the topic's title: "Strengthening global alliances" is the section on BRICS, the SCO and the EAEU.)
    const section = core.ask('Break down the "Strengthening global alliances" section for me').reply;
    expect(section).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'global-alliances' });
    expect(lead(section)).toBe(topicOf('global-alliances').short.en);
    const heading = core.ask('Give me the gist of the expansion of bilateral trade').reply;
    expect(heading).toMatchObject({ kind: 'answer', topicId: 'bilateral-trade' });
    expect(lead(heading)).toBe(topicOf('bilateral-trade').short.en);
    expect(lead(core.ask('Break down the gas partnership for me').reply)).toBe(topicOf('gas').short.en);
    // (A heading whose words the topic's claims never use: "policy adjustments".)
    const adjustments = core.ask('Sum up the part titled Middle East Policy Adjustments').reply;
    expect(adjustments).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'middle-east-after-assad' });
    expect(lead(adjustments)).toBe(topicOf('middle-east-after-assad').short.en);
  });
});

describe('yes or no', () => {
  it('leads with the polarity a claim decides, and that claim', () => {
    for (const [q, answer] of [
      ['Was the agreement signed in Moscow?', /^Yes\. .*Moscow/],
      ['Was it signed in Tehran?', /^No\. .*Moscow/],
      ['Is it a 30-year deal?', /^No\. .*20-year/],
      ['Did trade fall in 2024?', /^No\. .*surged 15\.5%/],
      ['Will Russia supply gas to Iran?', /^Yes\. .*55 billion/],
      ['Will Iran supply gas to Russia?', /^No\. Russia will supply/],
      ['Will Russia let its territory be used to attack Iran?', /^No\. .*deny access to their territories/],
      ['Does the article mention Israel?', /^Yes\. .*Israel/],
      ['Is Europe mentioned?', /^Yes\. .*European markets/],
      ['Are they integrating Russia’s Mir with Iran’s Shetab network?', /^Yes\. .*Mir and Iran's Shetab/],
      ['Did both countries agree to allow their territory to be used for military action against the other?', /^No\. .*deny access/],
      ['Have both countries promised not to let their territory be used against the other?', /^Yes\. .*deny access/],
      ['Was the agreement signed by the two foreign ministers?', /^No\. .*President Vladimir Putin/],
      ['Did trade between the two reach about $3.77 billion in 2024?', /^Yes\. .*\$3\.77 billion/],
      ['Does the deal contain anything on nuclear power?', /^Yes\. .*Bushehr/],
      ['Was the treaty signed on 17 January 2025?', /^Yes\. On 17 January 2025/],
      ['Was the treaty signed on 18 January 2025?', /^No\. On 17 January 2025/],
      ['Did both sides pledge not to let their territory be used for military action against each other?', /^Yes\. .*deny access/],
      ['Договор подписан 17 января 2025 года?', /^Да\./],
      ['Россия вывела своих миротворцев с Кавказа?', /^Да\./],
      ['Правда, что торговля между странами в 2024 году упала?', /^Нет\./],
      ['Будет ли Иран поставлять газ в Россию?', /^Нет\. Россия будет поставлять/],
      ['آیا روسیه نیروهای حافظ صلح خود را از قفقاز خارج کرده است؟', /^بله\./],
      ['طبق مقاله، آیا ایران قرار است به روسیه گاز صادر کند؟', /^خیر\./],
      ['آیا روسیه به ایران گاز صادر می‌کند؟', /^بله\./],
      ['Is the Shanghai Cooperation Organization one of the groups where they are tightening ties?', /^Yes\. .*Shanghai/],
      ['Is the Rasht–Astara railway part of the corridor plans?', /^Yes\. .*Rasht–Astara/],
      ['Is Tartus the site of Russia’s Syrian airbase?', /^No\. .*naval base in Tartus/],
      ['Are only about half of their transactions settled in rials and rubles?', /^No\. 95%/],
      ['Does the article say Russia’s alternative energy corridors run through European markets?', /^No\. .*bypass European markets/],
      ['So Iran is going to be supplying gas to Russia, right?', /^No\. Russia will supply/],
      ['I read that Russian gas could be re-exported to Asia via Iranian LNG terminals — is that right?', /^Yes\./],
      ['Договор подписали в Москве, верно?', /^Да\./],
      ['Россия сворачивает сотрудничество по Бушерской АЭС?', /^Нет\./],
      ['قراره ایران به روسیه گاز صادر کنه؟', /^خیر\./],
      ['قرارداد در مسکو امضا شد، درسته؟', /^بله\./],
      ['So that’s 55 bcm of gas every month?', /^No\. Russia will supply up to 55 billion/],
      ['Trade went up 15.5% in 2024, yes?', /^Yes\. .*15\.5%/],
      ['Under the deal, will Iran be supplying gas to Russia?', /^No\. Russia will supply/],
      ['Did Putin and Pezeshkian sign the deal in Moscow?', /^Yes\./],
      // One sentence's claims together, with a day and a year, or a place that is not the signing city.
      ['Did Pezeshkian and Putin sign the pact on 17 January 2025?', /^Yes\./],
      ['Did Putin and Pezeshkian sign it in Tehran?', /^No\. .*Moscow/],
      ['Has Russia abandoned its airbase at Hmeimim?', /^No\. .*maintains its presence/],
      ['Are Russia and Iran cutting their energy and transport ties with Baku?', /^No\. .*maintaining/],
      ['Does Russia still have peacekeeping forces in the Caucasus according to the article?', /^No\. .*withdrawn/],
      ['Is Armenia described as moving closer to the West?', /^Yes\./],
      ['Подписали ли соглашение в Москве?', /^Да\./],
      ['آیا توافق در تهران امضا شد؟', /^خیر\./],
    ] as const) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(reply), q).toMatch(answer);
    }
  });

  it('reads bounds, kinds, owners, falls and stances, not just names', () => {
    for (const [q, answer] of [
      ['Did bilateral trade top 3 billion dollars in 2024?', /^Yes\. .*3\.77/],
      ['Did trade exceed 5 billion dollars?', /^No\. .*3\.77/],
      ['Is Tartus a Russian airbase?', /^No\. .*naval base in Tartus/],
      ['Is Hmeimim an airbase?', /^Yes\. .*airbase in Hmeimim/],
      ['Is Mir Iran’s payment network?', /^No\. .*Russia's Mir/],
      ['Is Shetab the Iranian payment network?', /^Yes\. .*Iran's Shetab/],
      ['Is Assad still in power in Syria?', /^No\. .*Assad/],
      ['Did Assad’s regime collapse?', /^Yes\. /],
      ['Is the agreement a response to Western sanctions?', /^Yes\. .*response to Western sanctions/],
      ['Are they moving away from the dollar?', /^Yes\. .*dependency on the U\.S\. dollar/],
      ['Is the Rasht-Astara railway part of the INSTC?', /^Yes\. .*Rasht–Astara/],
      ['Правда ли, что 95% расчётов ведутся в риалах и рублях?', /^Да\. .*95%/],
      // Ending or leaving what the source says is kept up, in any verb of that class.
      ['Has Moscow quit the naval base at Tartus?', /^No\. .*Tartus/],
      ['Has Iran ended its backing of militias in Lebanon?', /^No\. .*sustains/],
      ['Россия ушла из Хмеймима?', /^Нет\./],
      // A Russian question by intonation alone, its verb reflexive or past in -сла.
      ['Товарооборот снизился в 2024 году?', /^Нет\./],
      ['Торговля возросла в 2024 году?', /^Да\./],
      // A closed list asked for an item it does not name; one it names is still a yes.
      ['Are the exercises going to concentrate on cyber warfare?', /^No\. .*counterinsurgency/],
      ['Will the drills concentrate on urban warfare?', /^Yes\. /],
      // How the article presents something is what it says; "focuses" is "focus"; "working on" is under way, not done.
      ['Does the article portray the agreement as a response to Western sanctions?', /^Yes\. .*response to Western sanctions/],
      ['Is the pact framed in the article as a response to Western sanctions?', /^Yes\. /],
      ['Is urban warfare among the focuses of the exercises?', /^Yes\. /],
      ['Are Moscow and Tehran working on intelligence sharing?', /^Yes\. /],
      // A capital named by its country, a loss asked of the winner, a bound in "longer than".
      ['Did they sign it in the Iranian capital?', /^No\. .*Moscow/],
      ['Was the pact concluded in the capital of Russia?', /^Yes\. /],
      ['Was Azerbaijan defeated — did it lose in Nagorno-Karabakh in 2023?', /^No\. .*Azerbaijan won/],
      ['Will the deal last longer than fifteen years?', /^Yes\. .*20-year/],
      ['Is the deal shorter than 10 years?', /^No\. .*20-year/],
      // A month without a day, a bound before a dollar sign, "reaction" for "response".
      ['Did they sign the pact in March 2025?', /^No\. .*17 January 2025/],
      ['Подписали ли договор в январе 2025 года?', /^Да\./],
      ['Did trade in 2024 exceed $3.5 billion?', /^Yes\. .*3\.77/],
      ['Является ли договор реакцией на санкции Запада?', /^Да\./],
      // "Fight", "combat", "tackle" are against what they name; "the 2023 fighting" is a noun.
      ['Will Russia and Iran set up joint task forces to combat cyber threats?', /^Yes\. /],
      ['Did Armenia come out on top in the 2023 fighting over Nagorno-Karabakh?', /^No\. .*Azerbaijan won/],
      // Cutting back or scaling down what the claim says is expanded.
      ['Is Moscow scaling down its role at Bushehr?', /^No\. .*expanding/],
      // Work under way asked in the passive progressive is a yes, not "in progress".
      ['Is the INSTC being developed faster?', /^Yes\. /],
      // Whose a thing is, said after it.
      ['Is the Shetab network Russian?', /^No\. .*Iran's Shetab/],
      ['Is Mir Russian?', /^Yes\. /],
    ] as const) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(reply), q).toMatch(answer);
    }
  });

  it('knows who the agreement is between, what was stepped up, and what a reciprocal "against" means', () => {
    for (const [q, answer] of [
      ['Is this agreement between Russia and China?', /^No\. .*Putin .*Pezeshkian/],
      ['Is the agreement between Russia and Iran?', /^Yes\. /],
      ['Was Masoud Pezeshkian one of the signatories?', /^Yes\. /],
      ['Has Iran reduced its diplomatic engagement with Armenia?', /^No\. .*intensified/],
      ['Did the two countries agree to let their territory be used for military action against each other?', /^No\. .*deny access/],
      ['were was the deel signed', /Moscow/],
    ] as const) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(reply), q).toMatch(answer);
    }
    expect(core.ask('How did Donald Trump react to the deal?').reply).not.toMatchObject({ grounding: 'answered' });
  });

  it('declines opinions and predictions, and says the source gives no figure for another pair’s year', () => {
    for (const q of [
      'Will this agreement lead to a war with Israel?',
      'In your opinion, is this agreement good for the Middle East?',
      'Help me debug a JavaScript promise',
    ]) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'decline', reason: 'request' });
    }
    expect(core.ask('What was China–Iran trade in 2024?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('says how far a plan had got instead of a bare yes, unless that is what was asked', () => {
    expect(lead(core.ask('Will Russia fund new reactors in Iran?').reply)).toMatch(/^Under consideration\. .*considering investments/);
    expect(lead(core.ask('Is Russia considering investing in new reactors?').reply)).toMatch(/^Yes\. /);
    expect(lead(core.ask('Do they share intelligence?').reply)).toMatch(/^In progress\. .*intelligence-sharing/);
    expect(lead(core.ask('Профинансирует ли Россия новые реакторы?').reply)).toMatch(/^Пока рассматривается\./);
    expect(lead(core.ask('Is the Rasht-Astara railway finished?').reply)).toMatch(/^Not yet, as of the source: in progress\. /);
    expect(lead(core.ask('Has Russia already finalized investments in new nuclear reactors?').reply)).toMatch(
      /^Not yet, as of the source: under consideration\. /,
    );
  });

  it('says no to a place the data does not know, named with its kind, where the claim names another of that kind', () => {
    expect(lead(core.ask('Are the ports being upgraded on the Baltic Sea?').reply)).toMatch(/^No\. .*Caspian/);
    expect(lead(core.ask('Are the Caspian Sea ports part of the INSTC work?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is the Shanghai Cooperation Organisation among their blocs?').reply)).toMatch(/^Yes\./);
    // What a thing is: a pipeline is not the railway; a noun right after the name is part of it.
    expect(lead(core.ask('Is the Rasht–Astara project an oil pipeline?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is the Rasht-Astara line a railway?').reply)).not.toMatch(/^No\./);
  });

  it('checks a thing described before its name in a confirming statement ("the naval base … is at Hmeimim, isn’t it?")', () => {
    expect(lead(core.ask('The naval base Russia keeps in Syria is at Hmeimim, isn’t it?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('The airbase Russia keeps in Syria is at Hmeimim, isn’t it?').reply)).toMatch(/^Yes\./);
  });

  it('says no to an item outside a list the source gives whole, and to a decline of what is sustained', () => {
    expect(lead(core.ask('Is Shetab being linked up with Maestro?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Iran scaling back its support for allied militias?').reply)).toMatch(/^No\. Iran sustains/);
  });

  it('reads a verb of leaving split by its object ("pull the troops out") and "shut down" as leaving', () => {
    expect(lead(core.ask('Has Russia pulled all of its peacekeepers out of the Caucasus?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Did Moscow shut the Hmeimim airbase down?').reply)).toMatch(/^No\./);
  });

  it('counts no hedge ("mainly", "at least partly") or synonym of the source’s word ("buyers" for markets) as a word the source never uses', () => {
    expect(lead(core.ask('Can Russian gas reach Asian buyers through Iran?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is the re-exported gas meant for European customers?').reply)).toMatch(/^No\./);
  });

  it('reads a volume asked per month, in every language and with "млрд кубометров", against the yearly one', () => {
    expect(lead(core.ask('Does Iran get 55 bcm of Russian gas each and every month?').reply)).toMatch(/^No\. .*a year/);
    expect(lead(core.ask('Россия поставит Ирану 55 млрд кубометров газа в год?').reply)).toMatch(/^Да\./);
    expect(lead(core.ask('Россия поставит Ирану 55 млрд кубометров газа за месяц?').reply)).toMatch(/^Нет\./);
    expect(lead(core.ask('آیا روسیه ماهانه ۵۵ میلیارد متر مکعب گاز به ایران می‌فرستد؟').reply)).toMatch(/^خیر/);
  });

  it('puts a thing where the source places it, against another place of the same kind', () => {
    expect(lead(core.ask('Is the Bushehr power plant located in Russia?').reply)).toMatch(/^No\. .*Bushehr/);
    expect(lead(core.ask('Is Russia helping run a nuclear power plant inside Russia?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Does Russia keep its naval base at Tartus in Syria?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Are Iran’s LNG terminals in Syria?').reply)).toMatch(/^No\./);
  });

  it('counts a brand that only a Russian example question mentions as unknown to an English question', () => {
    expect(lead(core.ask('Will the Shetab cards be tied to Mastercard?').reply)).toMatch(/^No\./);
  });

  it('answers "is the deal only about X?" with no and what the agreement is designed for, but not of one of its deals', () => {
    const only = lead(core.ask('Is the partnership only about trade?').reply);
    expect(only).toMatch(/^No\. /);
    expect(only).toMatch(/economic cooperation.*security.*financial independence/);
    expect(lead(core.ask('Договор касается только газа?').reply)).toMatch(/^Нет\./);
    expect(lead(core.ask('آیا این توافق فقط درباره تجارت است؟').reply)).toMatch(/^خیر/);
    expect(lead(core.ask('Does the gas deal only cover Iran?').reply)).not.toMatch(/designed to/);
  });

  it('says no to keeping what the source says was withdrawn, and reads "so X?" as asking for confirmation', () => {
    expect(lead(core.ask('Has Moscow kept its peacekeeping troops?').reply)).toMatch(/^No\. Russia has withdrawn/);
    expect(lead(core.ask('Does Russia still have peacekeepers there?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Сохранила ли Россия своих миротворцев?').reply)).toMatch(/^Нет\./);
    expect(lead(core.ask('So the pact runs for 20 years?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('So trade climbed 15.5% in 2024?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('So they signed it in Tehran?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('so whats the story with the nuclear plant').reply)).not.toMatch(/^(?:Yes|No|The source)/);
  });

  it('reads any auxiliary and pronoun as a confirming tag, and "located at" after a described noun', () => {
    expect(lead(core.ask('Putin is one of the two who signed it, wasn’t he?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('The railway they are completing is Rasht–Astara, isn’t that it?').reply)).not.toMatch(/^No\./);
    expect(lead(core.ask('Is Moscow’s airbase in Syria situated at Tartus?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Moscow’s naval base in Syria situated at Tartus?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is Turkey said to be losing influence?').reply)).toMatch(/^No\./);
  });

  it('says no to a name given with its kind’s noun in lower case, and to two parties named the other way round', () => {
    expect(lead(core.ask('Is Russia’s nuclear work in Iran at the Arak reactor site?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is the railway they are completing the Kars–Tbilisi line?').reply)).toMatch(/^No\. .*Rasht/);
    expect(lead(core.ask('Has Iran been courting Azerbaijan to offset Armenia’s gains?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Has Iran been courting Armenia to offset Azerbaijan’s gains?').reply)).toMatch(/^Yes\./);
    // (Ties run both ways.)
    expect(lead(core.ask('Does Israel have growing ties with Azerbaijan?').reply)).toMatch(/^Yes\./);
  });

  it('says "yes" to whether the source mentions a place it names only inside a thing’s name, and the present is after the source', () => {
    expect(lead(core.ask('Does America come up anywhere in the article?').reply)).toMatch(/^Yes\. .*U\.S\. dollar/);
    const now = core.ask('Is Russia still at Hmeimim as we speak?').reply;
    expect(now).toMatchObject({ kind: 'answer', grounding: 'after-source' });
    expect(lead(core.ask('Is the railway being completed the Rasht–Astara line?').reply)).toMatch(/^Yes\./);
  });

  it('says no to a place the data does not know for a thing the source places, and to a network beside the two it integrates', () => {
    expect(lead(core.ask('Does Russia keep its naval base in Banias?').reply)).toMatch(/^No\. .*Tartus/);
    expect(lead(core.ask('Is Mir being hooked up to SEPA?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Mir being hooked up to Shetab?').reply)).not.toMatch(/^No\./);
    // (A name only an example question of the data gives is nothing the source says.)
    expect(lead(core.ask('Is Shetab to be plugged into SWIFT?').reply)).toMatch(/^No\./);
    // (A word that opens a sentence is no name: "… for trade. Which are they?")
    expect(lead(core.ask('The article names sectors where trade will grow. Which are they?').reply)).not.toMatch(/^The source/);
  });

  it('says no to a signing city the data does not know or a country’s capital, and to a line named by two known cities', () => {
    expect(lead(core.ask('Did Putin go to Sochi to sign the treaty?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Was the pact signed on a trip to New Delhi?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is the railway they are completing the Moscow–Tehran freight line?').reply)).toMatch(/^No\. .*Rasht/);
    // ("Exactly" asks nothing of its own.)
    expect(lead(core.ask('Is Moscow looking into any new atomic projects in Iran? What exactly?').reply)).toMatch(/^(?:Yes|Under consideration)\./);
  });

  it('says no to a year other than the one the source dates an event by, and to another resource', () => {
    expect(lead(core.ask('Was Azerbaijan’s Karabakh win in 2021?').reply)).toMatch(/^No\. .*2023/);
    // (An event the source does not date, or does not name, is not said to be another year's.)
    expect(lead(core.ask('Did Russia pull its peacekeepers out in 2019?').reply)).toMatch(/^The source says nothing about 2019\./);
    expect(lead(core.ask('Did Russia sign a treaty with Iran in 1995?').reply)).toMatch(/^The source says nothing about 1995\./);
    expect(lead(core.ask('Will Russia ship 55 bcm of crude oil to Iran each year?').reply)).toMatch(/^No\. .*natural gas/);
  });

  it('reads hedges as no part of what is asked, and checks whose a thing is by the name it is called', () => {
    expect(lead(core.ask('Was the pact at least in part a reply to Western sanctions?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Was the treaty at least partly a reaction to Western sanctions?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is the deal chiefly a response to Western sanctions?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is Russia’s payment system named Shetab?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Russia’s payment system named Mir?').reply)).toMatch(/^Yes\./);
  });

  it('says no, the source does not say so, when asked whether it says something of a place it never discusses', () => {
    for (const q of ['Does the article claim Iran arms militias in Sudan?', 'Does the piece describe the pact as a reply to Japanese sanctions?']) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(reply), q).toMatch(/^No, the source doesn’t say so\./);
    }
  });

  it('says no to a flow put "X supply Y with", and to cutting what the source says is intensified', () => {
    expect(lead(core.ask('Is Iran going to provide Russia with natural gas every year?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Russia going to provide Iran with natural gas every year?').reply)).not.toMatch(/^No\./);
    expect(lead(core.ask('Has Iran severed its diplomatic engagement with Armenia?').reply)).toMatch(/^No\. .*intensified/);
  });

  it('decides where an event was by the country of the city the source gives, going there included', () => {
    for (const q of ['Did the signing take place in Iran?', 'Did Putin head to Tehran to sign the treaty?', 'Подписали ли договор в Иране?']) {
      const { reply } = core.ask(q);
      expect(lead(reply), q).toMatch(/^(?:No|Нет)\. .*(?:Moscow|Москв)/);
    }
    expect(lead(core.ask('Was the signing held in Russia?').reply)).toMatch(/^Yes\. .*Moscow/);
    expect(lead(core.ask('Did Pezeshkian fly to Russia for the signing?').reply)).toMatch(/^Yes\./);
  });

  it('decides what the agreement answers by what the source calls it a response to', () => {
    expect(lead(core.ask('Was the treaty signed in response to Chinese demands?').reply)).toMatch(/^No\. .*Western sanctions/);
    expect(lead(core.ask('Is the pact a reaction to Western sanctions?').reply)).toMatch(/^Yes\./);
  });

  it('decides whom a party draws closer to by what the source says of that party, not of the two partners', () => {
    expect(lead(core.ask('Is Armenia gravitating towards Moscow?').reply)).toMatch(/^No\. Armenia is increasingly aligning itself with the West/);
    expect(lead(core.ask('Is Azerbaijan aligning with Tehran?').reply)).toMatch(/^No\./);
    expect(lead(core.ask('Is Azerbaijan leaning towards Israel?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Is Iran forging closer ties with India?').reply)).toMatch(/^Yes\. Iran is expanding its economic partnerships/);
    expect(lead(core.ask('Is Armenia drifting towards the EAEU?').reply)).toMatch(/^No\. Armenia is increasingly aligning itself with the West/);
    expect(lead(core.ask('Is Iran deepening ties with Russia within BRICS?').reply)).toMatch(/^Yes\./);
    // (Ties run both ways, and a party has several: other ties say no only when the asked ones are its main ones, or what they are.)
    expect(lead(core.ask('Are Iran’s new economic partnerships primarily with European states?').reply)).toMatch(
      /^No\. Iran is expanding its economic partnerships/,
    );
    expect(lead(core.ask('Azerbaijan’s deepening ties are with Russia, correct?').reply)).toMatch(/^No\. Azerbaijan has growing ties to Turkey and Israel/);
    expect(lead(core.ask('Is Iran expanding ties with Turkey?').reply)).toMatch(/^The source doesn’t say\./);
    // (Siding with someone is said of the one who sides, whatever ranks first: Iran's engagement is with Armenia.)
    expect(lead(core.ask('Has Tehran sided with Baku against Yerevan?').reply)).toMatch(/^No\. Iran has intensified its diplomatic engagement with Armenia/);
  });

  it('reads a contrast or a closing tag as no part of what is asked', () => {
    expect(lead(core.ask('It is Russia that sends gas to Iran, not the reverse, right?').reply)).toMatch(/^Yes\./);
    expect(lead(core.ask('Iran sends gas to Russia and not vice versa, correct?').reply)).toMatch(/^No\./);
  });

  it('never says yes from a merely related claim, and what a condition names is not asserted', () => {
    for (const q of ['Will Russia build a gas pipeline to Iran?', 'Will Russia defend Iran if it is attacked?', 'Does Russia send gas to Turkey?']) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
      expect(lead(reply), q).toMatch(/^The source doesn’t say\./);
    }
  });
});

describe('the scope policy', () => {
  it('answers a third party the source discusses with what it says, and says what it lacks about it', () => {
    expect(core.ask('What does the source say about Turkey?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    const gdp = core.ask("What is Turkey's GDP?").reply;
    expect(gdp).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(gdp)).toMatch(/^The source does not say that\. .*Turk/);
  });

  it('says the source is silent on a third party’s reaction to the deal and on an attribute it never gives', () => {
    for (const q of [
      'How did the Israeli government respond to the pact?',
      'Как Израиль отреагировал на договор?',
      "What is the capacity of Iran's LNG terminals?",
      'What did China say about the Russia–Iran treaty?',
    ]) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    }
    expect(core.ask('How does the deal affect Azerbaijan?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
  });

  it('says the source does not say which when no claim names one, or the names are asked of a thing it leaves unnamed', () => {
    for (const q of [
      'Along which route would a pipeline bring the gas?',
      'Which Caspian ports exactly are being upgraded?',
      'Какие именно СПГ-терминалы примут газ?',
      'Which Asian countries will buy the gas?',
    ]) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
      expect(lead(reply), q).toMatch(/^(?:The source does not say which\.|В источнике не сказано, какие именно\.)/);
    }
    // A claim that names one, or speaks of the thing asked for, answers.
    for (const [q, answer] of [
      ['Which ports are being upgraded?', /Caspian/],
      ['Which naval base does Russia keep?', /Tartus/],
      ['Which corridor runs through Iran?', /corridor/],
      ['Which currencies replace the dollar?', /rials and rubles/],
    ] as const) {
      const reply = core.ask(q).reply;
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(reply), q).toMatch(answer);
    }
  });

  it('says what the source lacks of a two-part question, and an attribute asked "between" two things', () => {
    const pages = core.ask('Who signed it and how many pages is it?').reply;
    expect(pages).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(pages)).toMatch(/^The source gives no figure for this\. .*Putin/);
    expect(core.ask('What is the conversion rate between the ruble and the rial?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('When and where was it signed?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(core.ask('For how many years is it meant to run?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
  });

  it('gives no date of one event for another, and says who the source names when an office it never mentions is asked for', () => {
    const withdrawn = core.ask('When exactly did the peacekeepers leave the Caucasus?').reply;
    expect(withdrawn).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(withdrawn)).toMatch(/^The source gives no date for this\. Russia has withdrawn/);
    expect(lead(core.ask('When did Azerbaijan win its victory in Karabakh?').reply)).toMatch(/2023/);
    const minister = core.ask('Which Iranian minister put his name to the pact?').reply;
    expect(minister).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(minister)).toMatch(/^The source names no one for this\. .*Pezeshkian/);
    expect(core.ask('Who put their names to the pact?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
  });

  it('checks an attribute asked "what’s the X of / between" against what the source gives', () => {
    expect(core.ask('What’s the exchange rate between the rial and the ruble?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('What’s the output of the Bushehr plant?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('reports no one’s words on the agreement in Russian and Persian either', () => {
    for (const q of ['Что сказал министр об этом соглашении?', 'رهبر ایران درباره این توافق چه گفت؟'])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('does not take another pair’s agreement for this one, and declines the outlet and what Iran will pay, in Russian too', () => {
    const other = core.ask('What is in the India-Iran port agreement?').reply;
    expect(other).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('What is in the Russia–Iran agreement about India?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(core.ask('What news outlet ran this?').reply).toMatchObject({ kind: 'decline', reason: 'not-in-source' });
    expect(core.ask('Сколько заплатит Иран за газ из России?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(core.ask('What year is the Rasht–Astara line slated to open?').reply)).toMatch(/^The source gives no date for this\./);
  });

  it('takes a similar or separate pact with a third party for another agreement, asked yes or no', () => {
    for (const q of ['Have Moscow and Tehran concluded a comparable pact with Azerbaijan?', 'Заключили ли они похожий договор с Турцией?']) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    }
    expect(lead(core.ask('Did they sign it with China?').reply)).toMatch(/^No\./);
    expect(core.ask('Have India and Iran concluded a comparable partnership treaty?').reply).toMatchObject({ grounding: 'not-in-source' });
  });

  it('answers what the deal means for a thing whose name carries a place, not declining the place', () => {
    const reply = core.ask('What happens to the US dollar under this pact?').reply;
    expect(reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(lead(reply)).toMatch(/dollar/);
  });

  it('answers which way a party is drifting with whom the source says it draws closer to', () => {
    expect(lead(core.ask('In which direction is Armenia drifting geopolitically?').reply)).toMatch(/^Armenia is increasingly aligning itself with the West/);
  });

  it('declines what someone said, which the source never quotes, and a how-to about something else', () => {
    for (const q of ['What did Putin say when he signed the treaty?', 'What remarks did Pezeshkian make at the signing?', 'how do I update npm on my laptop?'])
      expect(core.ask(q).reply, q).not.toMatchObject({ grounding: 'answered' });
    expect(core.ask('how do I update npm on my laptop?').reply).toMatchObject({ kind: 'decline', reason: 'offtopic' });
  });

  it('answers how a place the source names only inside a thing’s name factors into the partnership, from that thing', () => {
    const reply = core.ask('How does America factor into the partnership?').reply;
    expect(reply).toMatchObject({ kind: 'answer', topicId: 'local-currencies', grounding: 'answered' });
    expect(lead(reply)).toMatch(/dollar/);
  });

  it('answers where a thing the claims name fits into "the arrangement", however unsure the matcher', () => {
    const reply = core.ask('Where does the greenback fit into the arrangement?').reply;
    expect(reply).toMatchObject({ kind: 'answer', topicId: 'local-currencies', grounding: 'answered' });
  });

  it('knows Europe by its adjective: partnerships chiefly with European states are a no', () => {
    expect(lead(core.ask('Is Iran growing its business ties chiefly with European states?').reply)).toMatch(/^No\./);
  });

  it('takes "Iran’s agreement with India" for another agreement, but not "the deal with Syria", and "the agreement" alone for the overview', () => {
    expect(core.ask('What does Iran’s port agreement with India cover?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('So what is the deal with Syria in the article?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(core.ask('What does the agreement with Russia contain?').reply).toMatchObject({ kind: 'card', topicId: 'overview' });
    expect(core.ask('Which think tank or outlet published this article?').reply).toMatchObject({ kind: 'decline', reason: 'not-in-source' });
  });

  it('reports no one’s view of the agreement, partners included, and gives no past date for something to come', () => {
    expect(core.ask('What did the Iranian president think of the treaty?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    const start = core.ask('When will the first Russian gas deliveries under the pact start?').reply;
    expect(start).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(start)).toMatch(/^The source gives no date for this\./);
    expect(core.ask('How much will Iran pay for the gas?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('Сколько Иран будет платить за газ?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('does not count the source named as such, counts or verbs of trying as things the source lacks', () => {
    for (const q of [
      'Whose influence has been expanding since the regime fell?',
      'What part does India play, per the report?',
      'What sort of world order are the two sides trying to promote?',
      'What main goals is the deal meant to serve, per the opening paragraph?',
    ]) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
    }
  });

  it('says the source gives no figure for a measure it never gives: production, reserves, consumption', () => {
    for (const q of ['How much gas does Iran extract annually?', 'How much gas is produced in Russia each year?', 'Сколько газа добывает Россия?']) {
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    }
    expect(core.ask('How much gas will Iran receive each year?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
  });

  it('says the source gives no count of things it never counts, nor a rate between two things it names', () => {
    for (const q of [
      'How many LNG tankers will carry the gas?',
      'How many trains a day will use the Rasht–Astara line?',
      'How many Mir cards have been issued in Iran?',
    ]) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
      expect(lead(reply), q).toMatch(/^The source gives no figure for this\./);
    }
    expect(lead(core.ask('How many years does the pact run for?').reply)).toMatch(/20-year/);
    expect(lead(core.ask('How many billion cubic metres of gas a year?').reply)).toMatch(/55 billion/);
    const rate = core.ask('What is the present ruble-rial rate of exchange?').reply;
    expect(rate).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(core.ask('What’s the rial and ruble conversion rate?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('supports what the source says of a party with claims that name it, not with its topic’s other claims', () => {
    const { reply } = core.ask('What’s Azerbaijan’s place in all of this?');
    expect(reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    if (reply.kind !== 'answer') throw new Error(reply.kind);
    for (const sentence of reply.details.split(/(?<=\.)\s+/).filter(Boolean)) expect(sentence).toMatch(/Azerbaijan|Baku|Karabakh/);
  });

  it('reads a party’s direction or description, and hoping or bringing about, as asking what the source says', () => {
    const armenia = core.ask('How does the piece describe Armenia’s orientation?').reply;
    expect(armenia).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(renderText(armenia)).toMatch(/West/);
    expect(core.ask('What’s the article’s description of Azerbaijan’s trajectory?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    for (const q of ['What sort of world order do the two hope to bring about?', 'What kind of world order are Moscow and Tehran seeking to foster?']) {
      const order = core.ask(q).reply;
      expect(order, q).toMatchObject({ kind: 'answer', grounding: 'answered' });
      expect(lead(order), q).toMatch(/multipolar/);
    }
  });

  it('gives all the agreement’s aims when several are asked for, and no figure of another topic', () => {
    for (const q of [
      'Which goals is the accord supposed to serve?',
      'What areas is the pact meant to deepen?',
      'What three key aims does the 20-year treaty have?',
    ]) {
      const text = lead(core.ask(q).reply);
      for (const aim of [/economic cooperation/, /regional security/, /financial independence/]) expect(text, q).toMatch(aim);
    }
    const cash = core.ask('How much money is Russia putting into the reactor projects?').reply;
    expect(cash).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(cash)).toMatch(/^The source gives no figure for this\./);
  });

  it('knows the partners by the gazetteer’s other names, and reads "the point of" as why', () => {
    expect(core.ask('Which shifts in the region is the Kremlin reacting to?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    const point = core.ask('What’s the rationale of the Mir–Shetab integration?').reply;
    expect(point).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(renderText(point)).toMatch(/Western/);
  });

  it('answers how a bloc figures in the agreement and its relevance, and the article’s date', () => {
    for (const q of ['How does the SCO figure in this agreement?', 'What’s the EAEU’s significance in all this?']) {
      const { reply } = core.ask(q);
      expect(reply, q).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'global-alliances' });
    }
    // (Still another agreement: the parties named before it without a preposition between.)
    expect(core.ask('What’s in the India–Iran agreement?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    for (const q of ['Which day is the piece dated?', 'When did the story come out?', 'What is the date at the top of this piece?'])
      expect(renderText(core.ask(q).reply), q).toMatch(/24 January 2025/);
  });

  it('answers "what is this article about?" and "what is the agreement about?" with the overview, in every language', () => {
    for (const q of [
      'О чём вообще эта статья?',
      'این مقاله کلاً درباره چیه؟',
      'What is the agreement about?',
      'О чём это соглашение?',
      'این قرارداد درباره چیست؟',
    ])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'card', topicId: 'overview' });
  });

  it('answers what the source says about a thing its claims name, asked about as such', () => {
    expect(lead(core.ask('What does the article say about oil?').reply)).toMatch(/oil-rich areas/);
    expect(core.ask('What does the article say about the weather?').reply).toMatchObject({ kind: 'decline' });
    expect(core.ask('What does the article say about oil prices?').reply).toMatchObject({ kind: 'decline' });
  });

  it('declines a place the source never discusses, by name', () => {
    const reply = core.ask('Will Japan join?').reply;
    expect(reply).toMatchObject({ kind: 'decline' });
    expect(renderText(reply)).toMatch(/Japan/);
  });

  it('reads a Russian "идёт" as "is conducted", not as something finished: the source’s own "now" answers', () => {
    const share = core.ask('Какая часть платежей теперь идёт в национальных валютах?').reply;
    expect(share).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(lead(share)).toMatch(/95%/);
  });

  it('says the source predates what happened after the agreement was signed', () => {
    const reply = core.ask('Were the naval drills held after the deal was concluded?').reply;
    expect(reply).toMatchObject({ grounding: 'after-source' });
    expect(core.ask('پزشکیان پس از این پیمان به مسکو رفت؟').reply).toMatchObject({ grounding: 'after-source' });
  });

  it('says first that the source predates what is asked about later events, in every language', () => {
    const later = core.ask('Has the treaty been ratified yet?').reply;
    expect(later).toMatchObject({ kind: 'answer', grounding: 'after-source' });
    expect(lead(later)).toMatch(/^My source is from 24 January 2025 and cannot say what happened since\. As of then: /);
    // Either what the source said as of then, or, with nothing to add, the date alone: never an answer.
    for (const [q, said] of [
      ['Вступил ли договор в силу?', /^Мой источник опубликован 24 января 2025/],
      ['آیا توافق تصویب شده است؟', /^منبع من/],
    ] as const) {
      const { reply } = core.ask(q);
      expect(reply.kind === 'decline' ? reply.reason : reply.kind === 'answer' && reply.grounding, q).toBe('after-source');
      expect(renderText(reply), q).toMatch(said);
    }
  });

  it('declines an unknown place’s events, parliament’s approval, what comes after the signing and anyone’s comment on the deal', () => {
    expect(core.ask('What was decided at the SCO gathering in Ufa?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    for (const q of ['Has the Majlis approved the treaty?', 'Did Putin visit anyone after signing it?']) {
      const { reply } = core.ask(q);
      expect(reply.kind === 'decline' ? reply.reason : reply.kind === 'answer' ? reply.grounding : reply.kind, q).toBe('after-source');
    }
    const comment = core.ask('Did Turkey comment on the pact?').reply;
    expect(comment).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
    expect(lead(comment)).toMatch(/^The source doesn’t say\./);
    // (The United States through the dollar, asked how it fits in.)
    expect(renderText(core.ask('How does America fit into all this?').reply)).toMatch(/U\.S\. dollar/);
  });

  it('declines the latest news however unsure the topic, a request for help with something else, and another pair’s deal “between” them', () => {
    expect(core.ask('Any latest news on the partnership?').reply).toMatchObject({ kind: 'decline', reason: 'after-source' });
    expect(core.ask('What’s the latest news on Russia–Iran ties?').reply).toMatchObject({ kind: 'decline', reason: 'after-source' });
    // (News is no summary of a topic, however the matcher leans.)
    expect(core.ask('What is the latest news on relations between Russia and Iran?').reply).toMatchObject({ kind: 'decline', reason: 'after-source' });
    expect(core.ask('can u help me repair my laptop').reply).toMatchObject({ kind: 'decline', reason: 'request' });
    expect(core.ask('What does the cooperation deal between India and Iran include?').reply).toMatchObject({ kind: 'answer', grounding: 'not-in-source' });
  });

  it('gives the overview when a long message ends asking what the deal is, and an area’s summary however it is to be laid out', () => {
    expect(core.ask('ok so russia and iran signed something a while back, whats the story').reply).toMatchObject({ kind: 'card' });
    for (const q of [
      'In a couple of sentences, what is this news story about?',
      'What is the news story about, in a few sentences?',
      'List the main topics the piece covers.',
      'Tell me about the Iran–Russia strategic partnership treaty.',
      'What are the headline figures of the pact?',
    ])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'card' });
    const security = core.ask('Give me the military-related provisions in bullet form').reply;
    expect(security).toMatchObject({ kind: 'answer', area: 'security' });
    expect(core.ask('Which security pledges does the treaty contain?').reply).toMatchObject({ kind: 'answer', area: 'security' });
  });

  it('declines requests that are no questions, small talk gets one short line, and the meta questions are answered', () => {
    expect(core.ask('translate this into French').reply).toMatchObject({ kind: 'decline', reason: 'request' });
    expect(core.ask("How do you say 'good morning' in Japanese?").reply).toMatchObject({ kind: 'decline', reason: 'request' });
    expect(core.ask('Did the US impose new sanctions in response to the treaty?').reply).toMatchObject({ kind: 'decline' });
    expect(core.ask('Can you tell us about the gas deal?').reply).toMatchObject({ kind: 'answer', topicId: 'gas' });
    expect(core.ask('write a poem about the gas deal').reply).toMatchObject({ kind: 'decline', reason: 'request' });
    const thanks = core.ask('thanks!').reply;
    expect(thanks).toMatchObject({ kind: 'notice', actions: [] });
    expect(renderText(thanks).length).toBeLessThan(60);
    expect(renderText(core.ask('What is your source?').reply)).toMatch(
      /article about the Russia–Iran strategic partnership agreement, published on 24 January 2025/,
    );
    expect(core.ask('summarise everything').reply).toMatchObject({ kind: 'card', topicId: 'overview' });
    expect(core.ask('кратко обо всём').reply).toMatchObject({ kind: 'card', lang: 'ru' });
  });

  it('gives an area’s summary asked in shorthand or of "the cooperation between Russia and Iran", and an overview that says why it was signed', () => {
    expect(core.ask('tldr of the defence stuff plz').reply).toMatchObject({ kind: 'answer', area: 'security' });
    expect(core.ask('Which defence pledges have the two countries made?').reply).toMatchObject({ kind: 'answer', area: 'security' });
    expect(core.ask('Describe the economic cooperation between Iran and Russia.').reply).toMatchObject({ kind: 'answer', area: 'economy' });
    // (One partner named is a subject of its own, not the pair: what it does in the region is no area's summary.)
    expect(core.ask('what is Russia up to regionally?').reply).not.toMatchObject({ area: 'geopolitics' });
    // ("Shipping" is a synonym of supplying: what Russia supplies is no transport summary.)
    expect(core.ask('What is Russia going to supply Iran with?').reply).toMatchObject({ kind: 'answer', topicId: 'gas' });
    expect(renderText(core.ask('Can I get an overview of the strategic partnership agreement?').reply)).toMatch(/Western sanctions/);
  });

  it('gives the overview for its key points however they are to be laid out, a long request included', () => {
    for (const q of [
      'Could you list the main points of this whole story for me in a few short sentences?',
      'Give me the key takeaways of the piece as a short bullet list please',
    ])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'card', topicId: 'overview' });
  });

  it('gives the overview for "summarise this piece", and the article’s date however its date is asked', () => {
    for (const q of ['Summarize this piece for me', 'summarise for us the whole story'])
      expect(core.ask(q).reply, q).toMatchObject({ kind: 'card', topicId: 'overview' });
    for (const q of ['Which year is this piece from?', 'when is this story from?'])
      expect(renderText(core.ask(q).reply), q).toMatch(/published on 24 January 2025/);
  });

  it('answers where with a place the claim names and the question does not, but not where a person is', () => {
    expect(core.ask('Where is Gulf-state influence on the rise?').reply).toMatchObject({ kind: 'answer', grounding: 'answered' });
    expect(lead(core.ask('Where is Gulf-state influence on the rise?').reply)).toMatch(/Syria/);
    expect(core.ask('Where is Assad living?').reply).not.toMatchObject({ grounding: 'answered' });
  });

  it('answers a summary asked for in writing, and "what is the deal with these two", as summaries', () => {
    expect(core.ask('Could you write me a short summary of the natural gas arrangement?').reply).toMatchObject({
      kind: 'answer',
      topicId: 'gas',
      grounding: 'answered',
    });
    expect(core.ask('Draft a synopsis of this article').reply).toMatchObject({ kind: 'card', topicId: 'overview' });
    expect(core.ask('Напиши краткое резюме статьи').reply).toMatchObject({ kind: 'card', topicId: 'overview', lang: 'ru' });
    expect(core.ask('so whats the story with iran and russia').reply).toMatchObject({ kind: 'card', topicId: 'overview' });
    expect(core.ask('write a song about the pipeline').reply).toMatchObject({ kind: 'decline', reason: 'request' });
  });

  it('reads a question noun alone as asking about the agreement, unless it continues a conversation', () => {
    expect(lead(core.ask('Place?').reply)).toMatch(/signed in Moscow/);
    expect(lead(core.ask('Length?').reply)).toMatch(/20-year/);
    expect(lead(core.ask('Когда?').reply)).toMatch(/17 января 2025/);
    expect(core.ask('and where?').reply).not.toMatchObject({ kind: 'answer', topicId: 'treaty' });
  });
});

describe('citing the source', () => {
  it('as an article with its date and paragraph, in the reader’s language, and nothing invented', () => {
    const cases: [string, RegExp][] = [
      ['Where was the agreement signed?', /^Source: article about the Russia–Iran strategic partnership agreement, published 24 Jan 2025 \(paragraph 1\)$/],
      ['Где подписали соглашение?', /^Источник: статья о соглашении о стратегическом партнёрстве России и Ирана, опубликована 24 янв\. 2025 г\. \(абзац 1\)$/],
      ['توافق کجا امضا شد؟', /^منبع: مقاله‌ای دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران، منتشرشده در ۲۴ ژانویه ۲۰۲۵ \(بند ۱\)$/],
    ];
    for (const [q, line] of cases) {
      const { reply } = core.ask(q);
      expect(reply.kind === 'answer' && reply.source.line, q).toMatch(line);
    }
  });
});

describe('follow-ups', () => {
  function chat(opts: { ttlMs?: number; now?: () => number } = {}) {
    const contexts = createMemoryContexts(opts);
    const conversation = createConversation({
      core,
      limiter: createFloodControl(1000),
      contexts,
      claims: createMemoryClaims(),
      log: capturingLogger().logger,
      permissions: { check: async () => true, inbox: async () => ({ all: true }) },
    });
    const ask = async (text: string, id = 'chat-1') => {
      const reply = await conversation.handle({
        surface: 'console',
        conversation: id,
        user: 'u1',
        capabilities: { buttons: false, publish: false },
        input: { kind: 'question', text },
      });
      if (!reply) throw new Error('no reply');
      return reply;
    };
    return { ask, contexts };
  }

  it('read "the region" as the place the conversation is about', async () => {
    const { ask } = chat();
    await ask('Who won in Nagorno-Karabakh?', 'nk');
    expect(lead(await ask('what did Moscow do in the area afterwards?', 'nk'))).toMatch(/withdrawn its peacekeeping forces/);
  });

  it('ask a bare "why?" of what was just said, and take "anything besides the …" for the rest of the topic', async () => {
    const { ask } = chat();
    await ask('Which blocs do the two countries work within?', 'blocs');
    expect(await ask('why?', 'blocs')).toMatchObject({ kind: 'answer', topicId: 'global-alliances' });
    await ask('Is Bushehr part of the nuclear cooperation?', 'npp');
    expect(lead(await ask('why so?', 'npp'))).toMatch(/energy security/);
    expect(lead(await ask('почему?', 'chat-ru'))).toMatch(/.+/);
    await ask('Where does Russia keep its naval base in Syria?', 'base');
    const rest = await ask('anything besides the base?', 'base');
    expect(rest).toMatchObject({ kind: 'answer', topicId: 'middle-east-after-assad' });
    await ask('Where does Russia keep its naval base in Syria?', 'base-2');
    expect(renderText(rest)).toBe(renderText(await ask('what else?', 'base-2')));
  });

  it('resolve elliptical questions against the conversation’s topic, in each language', async () => {
    const { ask } = chat();
    await ask('What is Russia doing in Syria?', 'syria');
    expect(lead(await ask('and Iran?', 'syria'))).toMatch(/^Iran sustains its support for allied militia groups/);
    await ask('Tell me about Mir and Shetab', 'cards');
    expect(lead(await ask('which one is Iran’s?', 'cards'))).toMatch(/Iran's Shetab/);
    await ask('How much gas will Russia supply?', 'gas');
    expect(lead(await ask('what will Iran use it for?', 'gas'))).toMatch(/domestic demand/);
    expect(lead(await ask("and what's it for?", 'gas'))).toMatch(/domestic demand/);
    expect(lead(await ask('what are they going to do with it?', 'gas'))).toMatch(/domestic demand/);
    await ask('Which railway is mentioned in the article?', 'rail');
    expect(lead(await ask('part of what project?', 'rail'))).toMatch(/North-South Transport Corridor/);
    await ask('Who signed the agreement?');
    expect(lead(await ask('and where?'))).toMatch(/signed in Moscow/);
    expect(lead(await ask('when?'))).toMatch(/17 January 2025/);
    expect(await ask('what about nuclear?')).toMatchObject({ kind: 'answer', topicId: 'nuclear' });
    expect(lead(await ask('How much gas will Russia supply?'))).toMatch(/55 billion/);
    const when = await ask('and when?');
    expect(when).toMatchObject({ kind: 'answer', topicId: 'gas', grounding: 'not-in-source' });
    expect(lead(when)).toMatch(/^The source gives no date for this\. Russia will supply/);
    await ask('Сколько газа поставит Россия?', 'chat-ru');
    expect(await ask('а где?', 'chat-ru')).toMatchObject({ kind: 'answer', topicId: 'gas', lang: 'ru' });
  });

  it('give the rest of the topic for "what else?" or "tell me more", keep "it" the agreement, and read "in dollars" as a unit', async () => {
    const { ask } = chat();
    await ask('Which plant is Russia working on in Iran?', 'more');
    const rest = await ask('anything else?', 'more');
    expect(rest).toMatchObject({ kind: 'answer', topicId: 'nuclear', grounding: 'answered' });
    expect(`${lead(rest)} ${rest.kind === 'answer' ? rest.details : ''}`).toMatch(/reactor/);
    expect(await ask('расскажи подробнее', 'more')).toMatchObject({ kind: 'answer', topicId: 'nuclear', lang: 'ru' });
    expect(await ask('what else?', 'none')).not.toMatchObject({ kind: 'answer' });
    await ask('How many years will the treaty run?', 'it');
    expect(lead(await ask('did it come as a response to anything?', 'it'))).toMatch(/^Yes\. .*Western sanctions/);
    // "Part of it", "some of it" are of the conversation's thing: what the source says of it, all the claims that tie.
    await ask('What volume of gas will Iran get from Russia?', 'part');
    for (const q of ['and what becomes of some of it?', 'and what is done with part of it?']) {
      const part = await ask(q, 'part');
      expect(part, q).toMatchObject({ kind: 'answer', topicId: 'gas' });
      expect(`${lead(part)} ${part.kind === 'answer' ? part.details : ''}`, q).toMatch(/re-exported/);
    }
    // "Which one is the Russian one?": "one" stands for a thing the conversation named.
    await ask('Name the two payment systems being linked', 'one');
    expect(lead(await ask('which one is the Russian one?', 'one'))).toMatch(/Russia's Mir/);
    await ask('How did Russia–Iran trade do in 2024?', 'usd');
    expect(lead(await ask('how much was that in dollars?', 'usd'))).toMatch(/\$3\.77 billion/);
  });

  it('after a summary of an area, hold to none of its topics', async () => {
    const { ask, contexts } = chat();
    await ask('How much gas will Russia supply?', 'area');
    expect(await ask('Tell me about the financial side', 'area')).toMatchObject({ kind: 'answer', area: 'finance' });
    expect(contexts.get('area')).toMatchObject({ lang: 'en' });
    expect(contexts.get('area')).not.toHaveProperty('topicId');
    // The question goes where its words lead, not to the area's first topic (or to the gas asked before).
    expect(await ask('which of those networks is Russian?', 'area')).toMatchObject({ kind: 'answer', topicId: 'mir-shetab' });
  });

  it('keep conversations apart, and forget one after its time', async () => {
    let now = 1_000_000;
    const { ask } = chat({ ttlMs: 60_000, now: () => now });
    await ask('Who signed the agreement?', 'a');
    await ask('How much gas will Russia supply?', 'b');
    expect(lead(await ask('and where?', 'a'))).toMatch(/signed in Moscow/);
    now += 61_000;
    const late = await ask('and where?', 'a');
    expect(late.kind === 'answer' && late.topicId === 'treaty').toBe(false);
  });

  it('hold a bounded number of conversations, the least recent forgotten first', async () => {
    const { ask, contexts } = chat();
    const small = createMemoryContexts({ maxConversations: 2 });
    for (const id of ['x', 'y', 'z']) await small.set(id, { topicId: 'gas', at: 0 });
    expect(small.size).toBe(2);
    expect(await small.get('x')).toBeUndefined();
    expect(await small.get('z')).toMatchObject({ topicId: 'gas' });
    await ask('Who signed the agreement?');
    expect(contexts.size).toBe(1);
  });
});
