import type { SectionOf } from './section.js';
import type { enTelegram } from './en-telegram.js';

/** Counts in Persian digits (۱۶). */
const faNumber = (n: number) => n.toLocaleString('fa-IR');

/** Persian text of the Telegram adapter. */
export const faTelegram: SectionOf<typeof enTelegram> = {
  tgCommandStart: 'خوشامد و راهنمای پرسیدن',
  tgCommandHelp: 'به چه پرسش‌هایی پاسخ می‌دهم',
  tgCommandTopics: 'فهرست همهٔ موضوع‌ها',
  tgCommandAsk: 'پرسیدن یک سؤال، مثلاً ‎/ask چقدر گاز؟',
  tgCommandTopic: 'باز کردن یک موضوع با شناسه‌اش، مثلاً ‎/topic gas',
  tgCommandPost: 'برای مدیران: انتشار کارت یک موضوع در کانال',
  tgCommandReload: 'برای مدیران: بارگذاری دوبارهٔ فایل‌های داده',
  tgCommandUnanswered: 'برای مدیران: پرسش‌های بی‌پاسخ و بازخوردها',
  tgOpenInBot: 'باز کردن در بات',
  tgPrivateOnly: (command: string) => `لطفاً ‎${command} را در گفت‌وگوی خصوصی با من به کار ببرید.`,
  tgModeratorsOnly: (command: string) => `فقط مدیران کانال و ناظران بات می‌توانند از ‎${command} استفاده کنند.`,
  tgPostUsage:
    'بگویید کدام موضوع منتشر شود، مثلاً ‎/post gas؛ برای کارت انگلیسی یا روسی en یا ru را اضافه کنید (‎/post gas ru). شناسهٔ موضوع‌ها را با ‎/topics ببینید.',
  tgPostNoChannel: 'کانالی برای کارت‌های خلاصه تنظیم نشده است (TELEGRAM_CHANNEL_ID)، پس جایی برای انتشار نیست.',
  tgPostNotAllowed: 'فقط مدیران کانال و ناظران بات می‌توانند کارت خلاصه منتشر کنند.',
  tgPostBotNotAdmin: (channel: string) =>
    `من مدیر ${channel} نیستم و نمی‌توانم آنجا منتشر کنم. مرا با اجازهٔ انتشار پیام، مدیر کانال کنید و دوباره امتحان کنید.`,
  tgPostPreview: (channel: string) => `پیش‌نمایش کارت برای ${channel}:`,
  tgPostButton: 'انتشار در کانال',
  tgPostImageButton: 'انتشار با تصویر',
  tgPostTextButton: 'انتشار به‌صورت متن',
  tgPostImageFailed: 'نتوانستم تصویر کارت را بسازم، پس چیزی منتشر نشد. دوباره امتحان کنید یا آن را به‌صورت متن منتشر کنید.',
  tgCancelButton: 'لغو',
  tgPostDone: (channel: string) => `در ${channel} منتشر شد.`,
  tgPostCancelled: 'لغو شد؛ چیزی منتشر نشد.',
  tgPostFailed: (channel: string) => `انتشار در ${channel} ناموفق بود. لطفاً بعداً دوباره امتحان کنید.`,
  tgReloadDone: (topics: number, version: string) => `داده‌ها دوباره بارگذاری شد: ${faNumber(topics)} موضوع (نسخهٔ ${version}).`,
  tgReloadUnchanged: (topics: number, version: string) => `داده‌ها دوباره بارگذاری شد: ${faNumber(topics)} موضوع (نسخهٔ ${version}، بدون تغییر).`,
  tgReloadRejected: 'بارگذاری دوباره رد شد؛ همچنان با داده‌های قبلی پاسخ می‌دهم.',
  tgReloadWholeFile: '(کل فایل)',
  tgReloadMoreIssues: (count: number) => `… و ${faNumber(count)} مورد دیگر`,
  tgVoteThanks: 'از بازخورد شما سپاسگزارم!',
  tgVoteChanged: 'رأی شما تغییر کرد. سپاسگزارم!',
  tgVoteSame: 'رأی شما پیش‌تر ثبت شده است. سپاسگزارم!',
  tgVoteFailed: 'متأسفم، الان نتوانستم رأی شما را ثبت کنم. لطفاً بعداً دوباره امتحان کنید.',
  tgFailed: 'متأسفم، مشکلی پیش آمد. لطفاً دوباره امتحان کنید.',
};
