import type { posting as en } from '../en/posting.js';
import type { SectionOf } from '../section.js';

export const posting: SectionOf<typeof en> = {
  postUsage:
    'Укажите карточку для публикации, например: /card gas; добавьте en или fa, чтобы получить карточку на английском или персидском (/card gas fa). Список id тем: /topics; обзор: /card overview.',
  postNoTarget: 'Канал для карточек не настроен, публиковать некуда.',
  postPreview: (channel: string) => `Предпросмотр карточки для ${channel}:`,
  postImageButton: 'С картинкой',
  postTextButton: 'Текстом',
  cancelButton: 'Отмена',
  posted: (channel: string) => `Опубликовано в ${channel}.`,
  postedLink: (channel: string, link: string) => `Карточка опубликована в ${channel}: ${link}`,
  postCancelled: 'Отменено; ничего не опубликовано.',
  postFailed: (channel: string) => `Не удалось опубликовать в ${channel}. Попробуйте позже.`,
  postImageFailed: 'Не получилось нарисовать картинку карточки, поэтому ничего не опубликовано. Попробуйте ещё раз или опубликуйте текстом.',
  postNotMember: 'Я здесь не участник и не могу публиковать. Попросите администратора пригласить меня с областью «bot».',
  postBotNotAdmin: (channel: string) =>
    `Я не администратор ${channel}, поэтому не могу там публиковать. Добавьте меня в канал администратором с правом публикации и повторите попытку.`,
  postUnknownChannel: (channel: string) => `Я не вижу ${channel}. Попросите администратора выдать мне там право «Просматривать канал».`,
  postMissingPermissions: (channel: string, permissions: string) =>
    `Я не могу публиковать в ${channel}: у меня там нет права «${permissions}». Попросите администратора выдать его или выберите другой канал.`,
  postRefused: (channel: string, reason: string) => `Моя публикация в ${channel} отклонена: ${reason}. Попросите администратора проверить мои права там.`,
  postNothingHere: 'Здесь карточку можно посмотреть, но не опубликовать: канала для публикации нет.',

  permViewChannel: 'Просматривать канал',
  permSendMessages: 'Отправлять сообщения',
  permEmbedLinks: 'Встраивать ссылки',
  permAttachFiles: 'Прикреплять файлы',
  permMissing: 'Недостаточно прав',
  permMissingAccess: 'Нет доступа',
};
