import type { SectionOf } from './section.js';
import type { enTelegram } from './en-telegram.js';

/** Persian text of the Telegram adapter. */
export const faTelegram: SectionOf<typeof enTelegram> = {
  tgCommandStart: 'خوشامد و راهنمای پرسیدن',
  tgCommandHelp: 'به چه پرسش‌هایی پاسخ می‌دهم',
  tgCommandTopics: 'فهرست همهٔ موضوع‌ها',
  tgCommandAsk: 'پرسیدن یک سؤال، مثلاً ‎/ask چقدر گاز؟',
  tgCommandTopic: 'باز کردن یک موضوع با شناسه‌اش، مثلاً ‎/topic gas',
  tgCommandPost: 'برای مدیران: انتشار کارت یک موضوع در کانال',
  tgOpenInBot: 'باز کردن در بات',
  tgPostUsage: 'بگویید کدام موضوع منتشر شود، مثلاً ‎/post gas. شناسهٔ موضوع‌ها را با ‎/topics ببینید.',
  tgPostPrivateOnly: 'لطفاً ‎/post را در گفت‌وگوی خصوصی با من به کار ببرید.',
  tgPostNoChannel: 'کانالی برای کارت‌های خلاصه تنظیم نشده است (TELEGRAM_CHANNEL_ID)، پس جایی برای انتشار نیست.',
  tgPostNotAllowed: 'فقط مدیران کانال و ناظران بات می‌توانند کارت خلاصه منتشر کنند.',
  tgPostBotNotAdmin: (channel: string) =>
    `من مدیر ${channel} نیستم و نمی‌توانم آنجا منتشر کنم. مرا با اجازهٔ انتشار پیام، مدیر کانال کنید و دوباره امتحان کنید.`,
  tgPostPreview: (channel: string) => `پیش‌نمایش کارت برای ${channel}:`,
  tgPostButton: 'انتشار در کانال',
  tgCancelButton: 'لغو',
  tgPostDone: (channel: string) => `در ${channel} منتشر شد.`,
  tgPostCancelled: 'لغو شد؛ چیزی منتشر نشد.',
  tgPostFailed: (channel: string) => `انتشار در ${channel} ناموفق بود. لطفاً بعداً دوباره امتحان کنید.`,
  tgFailed: 'متأسفم، مشکلی پیش آمد. لطفاً دوباره امتحان کنید.',
};
