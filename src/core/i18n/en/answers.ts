import type { SpecificType } from '../../data/schema.js';

const NOT_STATED: Record<SpecificType, string> = {
  when: 'The source gives no date for this.',
  who: 'The source names no one for this.',
  where: 'The source gives no place for this.',
  how_much: 'The source gives no figure for this.',
  how_long: 'The source gives no duration for this.',
  growth: 'The source gives no growth figure for this.',
  price: 'The source gives no price or cost for this.',
};

/** Answers, declines, help and the source line. */
export const answers = {
  botName: 'Partnership Bot',
  helpTitle: 'What I can answer',
  helpText:
    'I answer questions about the Russia–Iran strategic partnership agreement signed on 17 January 2025: ' +
    'who signed it, when and where, and what it says on gas, trade, payments, transport, security and the region. ' +
    'Ask in your own words, for example “How much gas will Russia send Iran?”.',
  welcomeTitle: 'Welcome',
  welcomeText:
    'Hi! I answer questions about the Russia–Iran strategic partnership agreement (17 January 2025), with sources. ' +
    'Ask me anything about it, or pick a topic.',
  topicsTitle: 'Topics',
  topicsText: 'Pick a topic:',
  declineOfftopic:
    'Sorry, I only answer questions about the Russia–Iran strategic partnership agreement, and that question is outside it. Try one of these topics, or see them all:',
  declineOtherParties: (place: string) =>
    `I only cover the partnership between Russia and Iran; I have no sourced information about ${place} in that respect. Try one of these topics, or see them all:`,
  declineEmpty: 'Please ask a question about the Russia–Iran strategic partnership agreement, for example “When was it signed?”.',
  suggestText: 'I am not sure what you mean. Did you mean one of these?',
  unknownTopic: (id: string) => `There is no topic “${id}”. Use /topics to see them all.`,
  /** The lead of an answer whose topic does not state the detail asked for; the topic's own text follows. */
  notStated: (type: SpecificType) => NOT_STATED[type],
  notStatedYear: (year: string) => `The source says nothing about ${year}.`,
  keyFacts: 'Key facts',
  related: 'Related',
  source: 'Source',
  published: 'published',
  asOf: 'as of',
  paragraph: 'paragraph',
  didYouMean: 'Did you mean',
  cardFooter: 'Summary card',
  overviewChoice: 'Overview: the whole partnership',
  /** The agreement's name, as the overview card's title (the source is an article about it, not its text). */
  agreementName: 'Russia–Iran strategic partnership agreement',
  yes: 'Yes.',
  no: 'No.',
  /** A yes/no about a plan only considered, or work still in progress, when the source was written. */
  considered: 'Under consideration.',
  underWay: 'In progress.',
  /** A yes/no asking whether work the source says is under way (or only considered) is done. */
  notYet: (stage: 'considered' | 'under-way') =>
    stage === 'considered' ? 'Not yet, as of the source: under consideration.' : 'Not yet, as of the source: in progress.',
  /** Before what an older source said on a point a newer one leads with. */
  olderSource: (date: string) => `An older source (${date}) said:`,
  notSaid: 'The source doesn’t say.',
  /** A yes/no asked of the source itself ("does the article say…?") that no claim decides. */
  notSaidAsked: 'No, the source doesn’t say so.',
  /** A "which X" question whose X the source speaks of but never names ("which ports are modernised"). */
  notWhich: 'The source does not say which.',
  notInSource: 'The source does not say that.',
  /** The lead when the question names a party the source discusses, but not in this respect. */
  notLinked: (name: string) => `The source does not connect ${name} with this.`,
  afterSource: (date: string) => `My source is from ${date} and cannot say what happened since.`,
  asOfThen: 'As of then:',
  moreOn: (title: string) => `More: ${title}`,
  sourceTitle: 'My source',
  sourceText: (date: string) =>
    `I answer from one source: an article about the Russia–Iran strategic partnership agreement, published on ${date}. ` +
    'My data keeps its statements, each tied to the exact words and paragraph of the article; I add nothing of my own, and I cannot know what happened after that date. The text I hold names no author, headline or publisher.',
  smallHello: 'Hi! Ask me anything about the Russia–Iran strategic partnership agreement.',
  smallThanks: 'You’re welcome!',
  smallOk: 'Glad to help. Ask me anything else about the agreement.',
  smallBye: 'Goodbye!',
  smallLaugh: '😄',
  declineRequest:
    'I only answer questions about the Russia–Iran strategic partnership agreement from my source; I don’t translate, write, recommend or predict. Ask me what the agreement says.',
  /** A question about the source's author or publisher: declined, saying what the source is. */
  declineAuthor: (date: string) =>
    `The article I answer from names no author, headline or publisher. It is an article about the Russia–Iran strategic partnership agreement, published on ${date}.`,
  declineAfterSource: (date: string) => `My source is from ${date} and cannot say what happened since. Ask me what it says about the agreement.`,
} as const;
