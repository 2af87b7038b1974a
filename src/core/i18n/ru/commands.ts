import type { commands as en } from '../en/commands.js';
import type { SectionOf } from '../section.js';

export const commands: SectionOf<typeof en> = {
  cmdStart: 'Приветствие и как задать вопрос',
  cmdHelp: 'Что умеет бот и как спрашивать',
  cmdTopics: 'Список тем, на которые я отвечаю',
  cmdAsk: 'Задать вопрос о договоре о стратегическом партнёрстве России и Ирана',
  cmdTopic: 'Показать одну тему договора',
  cmdCard: 'Модераторам: опубликовать карточку темы',
  cmdReload: 'Модераторам: перезагрузить файлы данных',
  cmdUnanswered: 'Модераторам: вопросы без ответа и отзывы',
  cmdVote: 'Оценить мой последний ответ: up или down',

  argQuestion: 'вопрос',
  argQuestionInfo: 'Ваш вопрос своими словами',
  argPrivate: 'лично',
  argPrivateInfo: 'Ответ увидите только вы',
  argTopic: 'тема',
  argTopicInfo: 'Начните вводить тему',
  argChannel: 'канал',
  argChannelInfo: 'Канал для публикации',
  argImage: 'изображение',
  argImageInfo: 'Приложить к карточке изображение',
  argLanguage: 'язык',
  argLanguageInfo: 'Язык карточки (по умолчанию — ваш)',
  argVote: 'оценка',
  argVoteInfo: 'up или down',

  langEnglish: 'Английский',
  langRussian: 'Русский',
  langPersian: 'Персидский',
};
