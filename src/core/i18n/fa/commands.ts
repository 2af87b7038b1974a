import type { commands as en } from '../en/commands.js';
import type { SectionOf } from '../section.js';

/** Discord has no Persian client locale: these show in Telegram menus and replies only. */
export const commands: SectionOf<typeof en> = {
  cmdStart: 'خوشامد و راهنمای پرسیدن',
  cmdHelp: 'این بات به چه پرسش‌هایی پاسخ می‌دهد و چطور بپرسید',
  cmdTopics: 'فهرست موضوع‌هایی که پاسخ می‌دهم',
  cmdAsk: 'پرسیدن سؤال دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران',
  cmdTopic: 'نمایش یک موضوع از توافق‌نامه',
  cmdCard: 'برای ناظران: انتشار کارت خلاصهٔ یک موضوع',
  cmdReload: 'برای ناظران: بارگذاری دوبارهٔ فایل‌های داده',
  cmdUnanswered: 'برای ناظران: پرسش‌های بی‌پاسخ و بازخوردها',
  cmdVote: 'به آخرین پاسخ من رأی بدهید: up یا down',

  argQuestion: 'پرسش',
  argQuestionInfo: 'پرسش شما، به زبان خودتان',
  argPrivate: 'خصوصی',
  argPrivateInfo: 'فقط شما پاسخ را می‌بینید',
  argTopic: 'موضوع',
  argTopicInfo: 'نام موضوع را تایپ کنید',
  argChannel: 'کانال',
  argChannelInfo: 'کانال انتشار کارت',
  argImage: 'تصویر',
  argImageInfo: 'کارت به‌صورت تصویر هم پیوست شود',
  argLanguage: 'زبان',
  argLanguageInfo: 'زبان کارت (پیش‌فرض: زبان شما)',
  argVote: 'رأی',
  argVoteInfo: 'up یا down',

  langEnglish: 'انگلیسی',
  langRussian: 'روسی',
  langPersian: 'فارسی',
};
