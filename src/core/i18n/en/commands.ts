/**
 * Command menus: descriptions (Discord: 1–100 characters, Telegram: up to 256) and
 * argument names (lower case, 1–32 letters, digits, - or _; the English ones are the
 * names the bot reads, others are Discord localizations).
 */
export const commands = {
  cmdStart: 'Welcome and how to ask',
  cmdHelp: 'What this bot answers and how to ask',
  cmdTopics: 'List the topics I can answer',
  cmdAsk: 'Ask a question about the Russia–Iran strategic partnership agreement',
  cmdTopic: 'Show one topic of the agreement',
  cmdCard: 'Moderators: post a summary card of a topic',
  cmdReload: 'Moderators: reload the data files now',
  cmdUnanswered: 'Moderators: questions I could not answer, and feedback',
  cmdVote: 'Rate my last answer: up or down',

  argQuestion: 'question',
  argQuestionInfo: 'Your question, in your own words',
  argPrivate: 'private',
  argPrivateInfo: 'Only you see the answer',
  argTopic: 'topic',
  argTopicInfo: 'Start typing a topic',
  argChannel: 'channel',
  argChannelInfo: 'The channel to post the card in',
  argImage: 'image',
  argImageInfo: 'Attach the card as an image too',
  argLanguage: 'language',
  argLanguageInfo: 'The language of the card (default: yours)',
  argVote: 'vote',
  argVoteInfo: 'up or down',

  langEnglish: 'English',
  langRussian: 'Russian',
  langPersian: 'Persian',
} as const;
