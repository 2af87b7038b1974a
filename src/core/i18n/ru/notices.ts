import type { notices as en } from '../en/notices.js';
import type { SectionOf } from '../section.js';

export const notices: SectionOf<typeof en> = {
  expired: 'Срок действия этой кнопки истёк. Задайте вопрос заново или откройте /topics.',
  slowDown: 'Вы отправляете сообщения слишком часто; я снова отвечу через несколько секунд.',
  tooLong: (max: number) => `Сообщение очень длинное; я читаю только первые ${max} символов.`,
  unknownCommand: (command: string) => `Неизвестная команда ${command}. Попробуйте /help.`,
  failed: 'Извините, что-то пошло не так. Попробуйте ещё раз.',
  answeredPrivately: (group: string, question: string) =>
    `Вы спросили в «${group}»: «${question}». В группе за эту минуту было много ответов, поэтому отвечаю вам лично.`,
  groupBusy: (handle: string) => `В этой группе за минуту было много ответов. Спросите меня в личном чате (${handle}) — отвечу сразу.`,
};
