import type { moderation as en } from '../en/moderation.js';
import type { SectionOf } from '../section.js';

/** Counts in Persian digits (۱۶). */
const faNumber = (n: number) => n.toLocaleString('fa-IR');

export const moderation: SectionOf<typeof en> = {
  privateOnly: (command: string) => `لطفاً ‎${command} را در گفت‌وگوی خصوصی با من به کار ببرید.`,
  guildOnly: (command: string) => `فرمان ‎${command} فقط در سرور کار می‌کند.`,
  operatorsOnly: (command: string) =>
    `فرمان ‎${command} اینجا در دسترس نیست: این فرمان روی بات در همه‌جا اثر می‌گذارد، پس گردانندگان بات آن را فقط در سرورهای خودشان مجاز کرده‌اند.`,
  moderatorsOnly: (command: string) => `فقط ناظران می‌توانند از ‎${command} استفاده کنند.`,
  notOperator: (command: string) => `فقط گردانندگان بات می‌توانند از ‎${command} استفاده کنند: این فرمان روی بات در همه‌جا اثر می‌گذارد.`,
  reloadDone: (topics: number, version: string) => `داده‌ها دوباره بارگذاری شد: ${faNumber(topics)} موضوع (نسخهٔ ${version}).`,
  reloadUnchanged: (topics: number, version: string) => `داده‌ها دوباره بارگذاری شد: ${faNumber(topics)} موضوع (نسخهٔ ${version}، بدون تغییر).`,
  reloadProcesses: (counts: ReadonlyArray<{ version: string; processes: number }>) =>
    `در حال اجرا: ${counts.map((c) => `${faNumber(c.processes)} فرایند با نسخهٔ ${c.version}`).join('؛ ')}.`,
  reloadRejected: 'بارگذاری دوباره رد شد؛ همچنان با داده‌های قبلی پاسخ می‌دهم.',
  reloadTimedOut: 'بارگذاری دوباره در زمان مقرر تمام نشد و متوقف شد؛ همچنان با داده‌های قبلی پاسخ می‌دهم.',
  reloadWholeFile: '(کل فایل)',
  reloadMoreIssues: (count: number) => `… و ${faNumber(count)} مورد دیگر`,
  reportOff: 'ثبت پرسش‌ها خاموش است، پس گزارشی وجود ندارد.',
  inboxResolve: (id: number) => `✓ حل شد #${id}`,
  inboxIgnore: (id: number) => `✗ نادیده بگیر #${id}`,
  inboxResolved: (id: number) => `پرسش #${id} حل‌شده علامت خورد.`,
  inboxIgnored: (id: number) => `پرسش #${id} نادیده‌گرفته علامت خورد.`,
  inboxUnknown: (id: number) => `پرسش #${id} در صندوق نیست (شاید با پایان مدت نگهداری پاک شده باشد).`,
  inboxUnavailable: (id: number) => `پرسش #${id} تغییر نکرد: پایگاه داده الان در دسترس نیست. بعداً دوباره امتحان کنید.`,
};
