/** English interface text used only by the Telegram adapter (merged into the `en` catalogue). */
export const enTelegram = {
  // Command menu descriptions (1–256 characters each).
  tgCommandStart: 'Welcome and how to ask',
  tgCommandHelp: 'What I can answer',
  tgCommandTopics: 'List all topics',
  tgCommandAsk: 'Ask a question, e.g. /ask how much gas?',
  tgCommandTopic: 'Open a topic by its id, e.g. /topic gas',
  tgCommandPost: 'Moderators: post a topic card to the channel',
  tgCommandReload: 'Moderators: reload the data files now',
  tgCommandUnanswered: 'Moderators: questions I could not answer, and feedback',

  // Buttons and replies.
  tgOpenInBot: 'Open in the bot',
  tgPrivateOnly: (command: string) => `Please use ${command} in a private chat with me.`,
  tgModeratorsOnly: (command: string) => `Only the channel’s administrators and the bot’s moderators can use ${command}.`,
  tgPostUsage: 'Tell me which topic to post, for example /post gas; add ru or fa for a Russian or Persian card (/post gas fa). Use /topics to see the topic ids.',
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
  tgReloadDone: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}).`,
  tgReloadUnchanged: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}, unchanged).`,
  tgReloadRejected: 'Reload rejected; still answering from the previous data.',
  tgReloadWholeFile: '(file)',
  tgReloadMoreIssues: (count: number) => `… and ${count} more`,
  tgVoteThanks: 'Thanks for your feedback!',
  tgVoteChanged: 'Vote changed. Thanks!',
  tgVoteSame: 'Your vote is already recorded. Thanks!',
  tgVoteFailed: 'Sorry, I could not record your vote right now. Please try again later.',
  tgFailed: 'Sorry, something went wrong. Please try again.',
} as const;
