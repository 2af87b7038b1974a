import type { SectionOf } from './section.js';
import type { enTelegram } from './en-telegram.js';

/** Russian text of the Telegram adapter. */
export const ruTelegram: SectionOf<typeof enTelegram> = {
  tgCommandStart: 'Приветствие и как задать вопрос',
  tgCommandHelp: 'На что я отвечаю',
  tgCommandTopics: 'Все темы',
  tgCommandAsk: 'Задать вопрос, например: /ask сколько газа?',
  tgCommandTopic: 'Открыть тему по её id, например: /topic gas',
  tgCommandPost: 'Модераторам: опубликовать карточку темы в канале',
  tgOpenInBot: 'Открыть в боте',
  tgPostUsage: 'Укажите тему для публикации, например: /post gas. Список id тем: /topics.',
  tgPostPrivateOnly: 'Пожалуйста, используйте /post в личном чате со мной.',
  tgPostNoChannel: 'Канал для карточек не настроен (TELEGRAM_CHANNEL_ID), публиковать некуда.',
  tgPostNotAllowed: 'Публиковать карточки могут только администраторы канала и модераторы бота.',
  tgPostBotNotAdmin: (channel: string) =>
    `Я не администратор ${channel}, поэтому не могу там публиковать. Добавьте меня в канал администратором с правом публикации и повторите попытку.`,
  tgPostPreview: (channel: string) => `Предпросмотр карточки для ${channel}:`,
  tgPostButton: 'Опубликовать в канале',
  tgCancelButton: 'Отмена',
  tgPostDone: (channel: string) => `Опубликовано в ${channel}.`,
  tgPostCancelled: 'Отменено; ничего не опубликовано.',
  tgPostFailed: (channel: string) => `Не удалось опубликовать в ${channel}. Попробуйте позже.`,
  tgFailed: 'Извините, что-то пошло не так. Попробуйте ещё раз.',
};
