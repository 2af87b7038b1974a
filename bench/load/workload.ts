/**
 * What the simulated users ask: answers in three languages, a typo, an
 * off-topic question, commands (known and unknown) and, on Telegram, a
 * group message that mentions the bot. Every item gets exactly one reply.
 */

export interface TelegramItem {
  text: string;
  lang: 'en' | 'ru' | 'fa';
  /** A supergroup message mentioning the bot instead of a private message. */
  group?: boolean;
}

export const TELEGRAM_MIX: readonly TelegramItem[] = [
  { text: 'how much gas will russia send iran?', lang: 'en' },
  { text: 'where was the treaty signed?', lang: 'en' },
  { text: 'Сколько газа Россия поставит Ирану?', lang: 'ru' },
  { text: 'روسیه چقدر گاز به ایران می‌دهد؟', lang: 'fa' },
  { text: 'how much gsa will rusia send to iran', lang: 'en' },
  { text: 'what is the best pizza recipe?', lang: 'en' },
  { text: 'does the treaty include a mutual defence clause?', lang: 'en' },
  { text: '/help', lang: 'en' },
  { text: '/start', lang: 'ru' },
  { text: '/topics', lang: 'en' },
  { text: '/frobnicate', lang: 'en' },
  { text: '@partnership_test_bot when was the agreement signed?', lang: 'en', group: true },
];

export interface DiscordItem {
  question: string;
  locale: string;
  private?: boolean;
}

export const DISCORD_MIX: readonly DiscordItem[] = [
  { question: 'How much gas will Russia supply to Iran?', locale: 'en-US' },
  { question: 'where was the treaty signed?', locale: 'en-GB' },
  { question: 'Сколько газа Россия будет поставлять Ирану?', locale: 'ru' },
  { question: 'روسیه چقدر گاز به ایران می‌دهد؟', locale: 'en-US' },
  { question: 'how much gsa will rusia send to iran', locale: 'en-US', private: true },
  { question: 'what is the best pizza recipe?', locale: 'en-US' },
  { question: 'does the treaty include a mutual defence clause?', locale: 'en-US' },
  { question: 'INSTC?', locale: 'ru' },
];
