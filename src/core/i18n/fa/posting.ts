import type { posting as en } from '../en/posting.js';
import type { SectionOf } from '../section.js';

export const posting: SectionOf<typeof en> = {
  postUsage:
    'بگویید کدام کارت منتشر شود، مثلاً ‎/card gas؛ برای کارت انگلیسی یا روسی en یا ru را اضافه کنید (‎/card gas ru). شناسهٔ موضوع‌ها را با ‎/topics ببینید یا ‎/card overview را بزنید.',
  postNoTarget: 'کانالی برای کارت‌های خلاصه تنظیم نشده است، پس جایی برای انتشار نیست.',
  postPreview: (channel: string) => `پیش‌نمایش کارت برای ${channel}:`,
  postImageButton: 'انتشار با تصویر',
  postTextButton: 'انتشار به‌صورت متن',
  cancelButton: 'لغو',
  posted: (channel: string) => `در ${channel} منتشر شد.`,
  postedLink: (channel: string, link: string) => `کارت خلاصه در ${channel} منتشر شد: ${link}`,
  postCancelled: 'لغو شد؛ چیزی منتشر نشد.',
  postFailed: (channel: string) => `انتشار در ${channel} ناموفق بود. لطفاً بعداً دوباره امتحان کنید.`,
  postImageFailed: 'نتوانستم تصویر کارت را بسازم، پس چیزی منتشر نشد. دوباره امتحان کنید یا آن را به‌صورت متن منتشر کنید.',
  postNotMember: 'من اینجا عضو نیستم و نمی‌توانم منتشر کنم. از یک مدیر بخواهید مرا با دامنهٔ «bot» دعوت کند.',
  postBotNotAdmin: (channel: string) => `من مدیر ${channel} نیستم و نمی‌توانم آنجا منتشر کنم. مرا با اجازهٔ انتشار پیام، مدیر کانال کنید و دوباره امتحان کنید.`,
  postUnknownChannel: (channel: string) => `من ${channel} را نمی‌بینم. از یک مدیر بخواهید اجازهٔ «مشاهدهٔ کانال» را آنجا به من بدهد.`,
  postMissingPermissions: (channel: string, permissions: string) =>
    `نمی‌توانم در ${channel} منتشر کنم: اجازهٔ «${permissions}» را آنجا ندارم. از یک مدیر بخواهید آن را بدهد یا کانال دیگری انتخاب کنید.`,
  postRefused: (channel: string, reason: string) => `انتشار من در ${channel} پذیرفته نشد: ${reason}. از یک مدیر بخواهید اجازه‌های مرا آنجا بررسی کند.`,
  postNothingHere: 'اینجا می‌توان کارت را دید اما منتشر نکرد: کانالی برای انتشار نیست.',

  permViewChannel: 'مشاهدهٔ کانال',
  permSendMessages: 'ارسال پیام',
  permEmbedLinks: 'جاسازی پیوندها',
  permAttachFiles: 'پیوست فایل‌ها',
  permMissing: 'اجازهٔ ناکافی',
  permMissingAccess: 'عدم دسترسی',
};
