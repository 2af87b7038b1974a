/** English interface text used only by the Discord adapter (merged into the `en` catalogue). */
export const enDiscord = {
  // Slash command and option descriptions (1–100 characters each).
  discordAskDescription: 'Ask a question about the Russia–Iran strategic partnership agreement',
  discordAskQuestion: 'Your question, in your own words',
  discordAskPrivate: 'Only you see the answer',
  discordTopicDescription: 'Show one topic of the agreement',
  discordTopicName: 'Start typing a topic',
  discordTopicsDescription: 'List the topics I can answer',
  discordHelpDescription: 'What this bot does and how to ask',
  discordCardDescription: 'Post a summary card of a topic into a channel (moderators)',
  discordCardTopic: 'The topic of the card',
  discordCardChannel: 'The channel to post the card in',
  discordCardImage: 'Attach the card as an image too',
  discordCardLanguage: 'The language of the card (default: the server’s)',
  discordReloadDescription: 'Reload the data files now (moderators)',
  discordUnansweredDescription: 'Questions I could not answer, and feedback (moderators)',

  // Option names (English ones are the names the bot reads; others are localizations:
  // lower case, 1–32 letters, digits, - or _).
  discordOptQuestion: 'question',
  discordOptPrivate: 'private',
  discordOptName: 'name',
  discordOptTopic: 'topic',
  discordOptChannel: 'channel',
  discordOptImage: 'image',
  discordOptLanguage: 'language',

  // Choices.
  discordLangEnglish: 'English',
  discordLangRussian: 'Russian',
  discordLangPersian: 'Persian',
  discordCardOverview: 'Overview: the whole partnership',

  // Components and embeds.
  discordPickTopic: 'Pick a topic',
  discordHelpHint: 'Use /ask, /topic or /topics, mention me in a channel, or send me a direct message.',

  // Replies.
  discordError: 'Sorry, something went wrong while answering. Please try again.',
  discordGuildOnly: (command: string) => `${command} works only in a server.`,
  discordModeratorGuildOnly: (command: string) =>
    `${command} is not available in this server: it acts on the bot in every server, so the bot’s operators allow it only in their own servers.`,
  discordVoteThanks: 'Thanks for your feedback!',
  discordVoteChanged: 'Vote changed. Thanks!',
  discordVoteSame: 'Your vote is already recorded. Thanks!',
  discordVoteFailed: 'Sorry, I could not record your vote right now. Please try again later.',
  discordReloadDone: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}).`,
  discordReloadUnchanged: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}, unchanged).`,
  discordReloadRejected: 'Reload rejected; still answering from the previous data.',
  discordReloadWholeFile: '(file)',
  discordReloadMoreIssues: (count: number) => `… and ${count} more`,
  discordCardGuildOnly: 'Summary cards can be posted only in a server.',
  discordCardNotInGuild: 'I am not a member of this server, so I cannot post there. Ask an admin to invite me with the “bot” scope.',
  discordCardUnknownChannel: (channel: string) => `I cannot see ${channel}. Ask an admin to give me the View Channel permission there.`,
  discordCardMissingPermissions: (channel: string, permissions: string) =>
    `I cannot post in ${channel}: I lack the ${permissions} permission there. Ask an admin to grant it, or pick another channel.`,
  discordCardRefused: (channel: string, reason: string) => `Discord refused my post in ${channel}: ${reason}. Ask an admin to check my permissions there.`,
  discordCardPosted: (channel: string, link: string) => `Posted the summary card in ${channel}: ${link}`,

  // Permission names, as the server settings show them.
  discordPermViewChannel: 'View Channel',
  discordPermSendMessages: 'Send Messages',
  discordPermEmbedLinks: 'Embed Links',
  discordPermAttachFiles: 'Attach Files',
  discordPermMissing: 'Missing Permissions',
  discordPermMissingAccess: 'Missing Access',
} as const;
