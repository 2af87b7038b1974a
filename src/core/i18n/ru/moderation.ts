import type { moderation as en } from '../en/moderation.js';
import type { SectionOf } from '../section.js';

export const moderation: SectionOf<typeof en> = {
  privateOnly: (command: string) => `Пожалуйста, используйте ${command} в личном чате со мной.`,
  guildOnly: (command: string) => `Команда ${command} работает только на сервере.`,
  operatorsOnly: (command: string) =>
    `Команда ${command} здесь недоступна: она действует на бота везде, поэтому владельцы бота разрешили её только на своих серверах.`,
  moderatorsOnly: (command: string) => `Команда ${command} доступна только модераторам.`,
  notOperator: (command: string) => `Команда ${command} доступна только владельцам бота: она действует на бота везде.`,
  reloadDone: (topics: number, version: string) => `Данные перезагружены: тем — ${topics} (версия ${version}).`,
  reloadUnchanged: (topics: number, version: string) => `Данные перезагружены: тем — ${topics} (версия ${version}, без изменений).`,
  reloadProcesses: (counts: ReadonlyArray<{ version: string; processes: number }>) =>
    `Работают: ${counts.map((c) => `процессов — ${c.processes} на версии ${c.version}`).join('; ')}.`,
  reloadRejected: 'Перезагрузка отклонена; я по-прежнему отвечаю по прежним данным.',
  reloadTimedOut: 'Перезагрузка не уложилась во время и остановлена; я по-прежнему отвечаю по прежним данным.',
  reloadWholeFile: '(файл)',
  reloadMoreIssues: (count: number) => `… и ещё ${count}`,
  reportOff: 'Запись вопросов выключена, поэтому отчёта нет.',
  inboxResolve: (id: number) => `✓ Решён #${id}`,
  inboxIgnore: (id: number) => `✗ Игнорировать #${id}`,
  inboxResolved: (id: number) => `Вопрос #${id} отмечен как решённый.`,
  inboxIgnored: (id: number) => `Вопрос #${id} отмечен как игнорируемый.`,
  inboxUnknown: (id: number) => `Вопроса #${id} нет во входящих (возможно, он удалён по сроку хранения).`,
  inboxUnavailable: (id: number) => `Вопрос #${id} не изменён: база данных сейчас недоступна. Попробуйте позже.`,
};
