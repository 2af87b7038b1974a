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
  tgCommandReload: 'Модераторам: перезагрузить файлы данных',
  tgCommandUnanswered: 'Модераторам: вопросы без ответа и отзывы',
  tgOpenInBot: 'Открыть в боте',
  tgPrivateOnly: (command: string) => `Пожалуйста, используйте ${command} в личном чате со мной.`,
  tgModeratorsOnly: (command: string) => `Команда ${command} доступна только администраторам канала и модераторам бота.`,
  tgPostUsage:
    'Укажите тему для публикации, например: /post gas; добавьте en или fa, чтобы получить карточку на английском или персидском (/post gas fa). Список id тем: /topics.',
  tgPostNoChannel: 'Канал для карточек не настроен (TELEGRAM_CHANNEL_ID), публиковать некуда.',
  tgPostNotAllowed: 'Публиковать карточки могут только администраторы канала и модераторы бота.',
  tgPostBotNotAdmin: (channel: string) =>
    `Я не администратор ${channel}, поэтому не могу там публиковать. Добавьте меня в канал администратором с правом публикации и повторите попытку.`,
  tgPostPreview: (channel: string) => `Предпросмотр карточки для ${channel}:`,
  tgPostButton: 'Опубликовать в канале',
  tgPostImageButton: 'С картинкой',
  tgPostTextButton: 'Текстом',
  tgPostImageFailed: 'Не получилось нарисовать картинку карточки, поэтому ничего не опубликовано. Попробуйте ещё раз или опубликуйте текстом.',
  tgCancelButton: 'Отмена',
  tgPostDone: (channel: string) => `Опубликовано в ${channel}.`,
  tgPostCancelled: 'Отменено; ничего не опубликовано.',
  tgPostFailed: (channel: string) => `Не удалось опубликовать в ${channel}. Попробуйте позже.`,
  tgReloadDone: (topics: number, version: string) => `Данные перезагружены: тем — ${topics} (версия ${version}).`,
  tgReloadUnchanged: (topics: number, version: string) => `Данные перезагружены: тем — ${topics} (версия ${version}, без изменений).`,
  tgReloadRejected: 'Перезагрузка отклонена; я по-прежнему отвечаю по прежним данным.',
  tgReloadWholeFile: '(файл)',
  tgReloadMoreIssues: (count: number) => `… и ещё ${count}`,
  tgVoteThanks: 'Спасибо за отзыв!',
  tgVoteChanged: 'Оценка изменена. Спасибо!',
  tgVoteSame: 'Ваша оценка уже учтена. Спасибо!',
  tgVoteFailed: 'Извините, сейчас не получилось сохранить вашу оценку. Попробуйте позже.',
  tgFailed: 'Извините, что-то пошло не так. Попробуйте ещё раз.',
};
