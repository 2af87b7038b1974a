import type { SectionOf } from './section.js';
import type { enDiscord } from './en-discord.js';

/** Russian text of the Discord adapter. */
export const ruDiscord: SectionOf<typeof enDiscord> = {
  discordAskDescription: 'Задать вопрос о договоре о стратегическом партнёрстве России и Ирана',
  discordAskQuestion: 'Ваш вопрос своими словами',
  discordAskPrivate: 'Ответ увидите только вы',
  discordTopicDescription: 'Показать одну тему договора',
  discordTopicName: 'Начните вводить тему',
  discordTopicsDescription: 'Список тем, на которые я отвечаю',
  discordHelpDescription: 'Что умеет бот и как спрашивать',
  discordCardDescription: 'Опубликовать карточку темы в канале (для модераторов)',
  discordCardTopic: 'Тема карточки',
  discordCardChannel: 'Канал для публикации',
  discordPickTopic: 'Выберите тему',
  discordHelpHint: 'Используйте /ask, /topic или /topics, упомяните меня в канале или напишите мне в личные сообщения.',
  discordError: 'Извините, при ответе что-то пошло не так. Попробуйте ещё раз.',
  discordCardGuildOnly: 'Карточки можно публиковать только на сервере.',
  discordCardNotInGuild: 'Я не участник этого сервера и не могу здесь публиковать. Попросите администратора пригласить меня с областью «bot».',
  discordCardUnknownChannel: (channel: string) => `Я не вижу ${channel}. Попросите администратора выдать мне там право «Просматривать канал».`,
  discordCardMissingPermissions: (channel: string, permissions: string) =>
    `Я не могу публиковать в ${channel}: у меня там нет права «${permissions}». Попросите администратора выдать его или выберите другой канал.`,
  discordCardRefused: (channel: string, reason: string) => `Discord отклонил мою публикацию в ${channel}: ${reason}. Попросите администратора проверить мои права там.`,
  discordCardPosted: (channel: string, link: string) => `Карточка опубликована в ${channel}: ${link}`,
  discordPermViewChannel: 'Просматривать канал',
  discordPermSendMessages: 'Отправлять сообщения',
  discordPermEmbedLinks: 'Встраивать ссылки',
  discordPermMissing: 'Недостаточно прав',
  discordPermMissingAccess: 'Нет доступа',
};
