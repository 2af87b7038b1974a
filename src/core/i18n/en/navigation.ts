import type { Surface } from '../../conversation/request.js';

const HINTS: Record<Surface, string> = {
  console: 'Type a question, /help, /topics, /topic <id> or /card <id>. Ctrl-D exits.',
  telegram: 'Ask in your own words, use /topics, or mention me in a group.',
  discord: 'Use /ask, /topic or /topics, mention me in a channel, or send me a direct message.',
};

/** Buttons, menus and how to move around. */
export const navigation = {
  topicsButton: 'Topics',
  moreButton: 'More',
  previousButton: 'Previous',
  nextButton: 'Next',
  pickTopic: 'Pick a topic',
  openInBot: 'Open in the bot',
  /** How to ask on each surface, under help. */
  helpHint: (surface: Surface) => HINTS[surface],
} as const;
