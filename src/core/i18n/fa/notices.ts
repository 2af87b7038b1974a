import type { notices as en } from '../en/notices.js';
import type { SectionOf } from '../section.js';

export const notices: SectionOf<typeof en> = {
  expired: 'این دکمه منقضی شده است. دوباره بپرسید یا از /topics استفاده کنید.',
  slowDown: 'پیام‌ها را خیلی سریع می‌فرستید؛ چند ثانیهٔ دیگر دوباره پاسخ می‌دهم.',
  tooLong: (max: number) => `این پیام خیلی طولانی است؛ فقط ${max.toLocaleString('fa-IR')} نویسهٔ اول آن را می‌خوانم.`,
  unknownCommand: (command: string) => `فرمان ناشناخته: ${command}. ‏/help را امتحان کنید.`,
  failed: 'متأسفم، مشکلی پیش آمد. لطفاً دوباره امتحان کنید.',
  answeredPrivately: (group: string, question: string) =>
    `در «${group}» پرسیدید: «${question}». گروه در این دقیقه پاسخ‌های زیادی داشته است، پس پاسخ شما را خصوصی می‌فرستم.`,
  groupBusy: (handle: string) => `این گروه در این دقیقه پاسخ‌های زیادی داشته است. در گفت‌وگوی خصوصی (${handle}) از من بپرسید تا فوراً پاسخ دهم.`,
};
