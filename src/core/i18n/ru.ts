import type { SpecificType } from '../data/schema.js';
import type { Catalogue } from './en.js';
import { ruDiscord } from './ru-discord.js';
import { ruTelegram } from './ru-telegram.js';

const NOT_STATED: Record<SpecificType, string> = {
  when: 'Источник не называет дату.',
  who: 'Источник не называет имён.',
  where: 'Источник не называет места.',
  how_much: 'Источник не приводит цифр.',
  how_long: 'Источник не называет срока.',
  growth: 'Источник не приводит данных о росте.',
  price: 'Источник не называет ни цены, ни стоимости.',
};

/** Russian interface text. */
export const ru: Catalogue = {
  botName: 'Partnership Bot',
  helpTitle: 'На что я отвечаю',
  helpText:
    'Я отвечаю на вопросы о договоре о стратегическом партнёрстве России и Ирана, подписанном 17 января 2025 года: ' +
    'кто, когда и где его подписал и что в нём сказано о газе, торговле, платежах, транспорте, безопасности и регионе. ' +
    'Спрашивайте своими словами, например: «Сколько газа Россия будет поставлять Ирану?».',
  welcomeTitle: 'Добро пожаловать',
  welcomeText:
    'Здравствуйте! Я отвечаю на вопросы о договоре о стратегическом партнёрстве России и Ирана (17 января 2025 года) и указываю источники. ' +
    'Задайте вопрос или выберите тему.',
  topicsTitle: 'Темы',
  topicsText: 'Выберите тему:',
  declineOfftopic:
    'Извините, я отвечаю только на вопросы о договоре о стратегическом партнёрстве России и Ирана, а этот вопрос выходит за его рамки. Вот о чём я могу рассказать:',
  declineOtherParties: (place: string) =>
    `Я рассказываю только о партнёрстве России и Ирана; проверенных сведений по теме «${place}» у меня нет. Вот о чём я могу рассказать:`,
  declineEmpty: 'Задайте вопрос о договоре о стратегическом партнёрстве России и Ирана, например: «Когда он был подписан?».',
  suggestText: 'Я не уверен, что понял вопрос. Возможно, вы имели в виду одну из этих тем?',
  unknownTopic: (id: string) => `Темы «${id}» нет. Список всех тем: /topics.`,
  notStated: (type: SpecificType) => NOT_STATED[type],
  notStatedYear: (year: string) => `О ${year} годе в источнике ничего не говорится.`,
  keyFacts: 'Ключевые факты',
  related: 'См. также',
  source: 'Источник',
  asOf: 'по состоянию на',
  paragraph: 'абзац',
  didYouMean: 'Возможно, вы имели в виду',
  topicsButton: 'Темы',
  moreButton: 'Ещё',
  previousButton: 'Назад',
  nextButton: 'Далее',
  expired: 'Срок действия этой кнопки истёк. Задайте вопрос заново или откройте /topics.',
  slowDown: 'Вы отправляете сообщения слишком часто; я снова отвечу через несколько секунд.',
  tooLong: (max: number) => `Сообщение очень длинное; я читаю только первые ${max} символов.`,
  cardFooter: 'Карточка',
  unknownCommand: (command: string) => `Неизвестная команда ${command}. Попробуйте /help.`,
  ...ruTelegram,
  ...ruDiscord,
  consoleHint: 'Введите вопрос, /help, /topics, /topic <id> или /card <id>. Выход — Ctrl-D.',
};
