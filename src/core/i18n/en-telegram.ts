/** English interface text used only by the Telegram adapter (merged into the `en` catalogue). */
export const enTelegram = {
  tgCommandStart: 'Welcome and how to ask',
  tgCommandHelp: 'What I can answer',
  tgCommandTopics: 'List all topics',
  tgCommandAsk: 'Ask a question, e.g. /ask how much gas?',
  tgCommandTopic: 'Open a topic by its id, e.g. /topic gas',
  tgCommandPost: 'Moderators: post a topic card to the channel',
  tgOpenInBot: 'Open in the bot',
  tgPostUsage: 'Tell me which topic to post, for example /post gas. Use /topics to see the topic ids.',
  tgPostPrivateOnly: 'Please use /post in a private chat with me.',
  tgPostNoChannel: 'No channel is configured for summary cards (TELEGRAM_CHANNEL_ID), so there is nowhere to post.',
  tgPostNotAllowed: 'Only the channel’s administrators and the bot’s moderators can post summary cards.',
  tgPostBotNotAdmin: (channel: string) =>
    `I am not an administrator of ${channel}, so I cannot post there. Add me to the channel as an administrator allowed to post messages, then try again.`,
  tgPostPreview: (channel: string) => `Preview of the card for ${channel}:`,
  tgPostButton: 'Post to channel',
  tgCancelButton: 'Cancel',
  tgPostDone: (channel: string) => `Posted to ${channel}.`,
  tgPostCancelled: 'Cancelled; nothing was posted.',
  tgPostFailed: (channel: string) => `Posting to ${channel} failed. Please try again later.`,
  tgFailed: 'Sorry, something went wrong. Please try again.',
} as const;
