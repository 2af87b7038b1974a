import type { SectionOf } from './section.js';
import type { enDiscord } from './en-discord.js';

/** Persian text of the Discord adapter. */
export const faDiscord: SectionOf<typeof enDiscord> = {
  discordAskDescription: 'پرسیدن سؤال دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران',
  discordAskQuestion: 'پرسش شما، به زبان خودتان',
  discordAskPrivate: 'فقط شما پاسخ را می‌بینید',
  discordTopicDescription: 'نمایش یک موضوع از توافق‌نامه',
  discordTopicName: 'نام موضوع را تایپ کنید',
  discordTopicsDescription: 'فهرست موضوع‌هایی که پاسخ می‌دهم',
  discordHelpDescription: 'این بات چه می‌کند و چطور بپرسید',
  discordCardDescription: 'انتشار کارت خلاصهٔ یک موضوع در کانال (برای ناظران)',
  discordCardTopic: 'موضوع کارت',
  discordCardChannel: 'کانال انتشار کارت',
  discordPickTopic: 'یک موضوع انتخاب کنید',
  discordHelpHint: 'از ‎/ask، ‎/topic یا ‎/topics استفاده کنید، در کانال از من نام ببرید یا به من پیام مستقیم بدهید.',
  discordError: 'متأسفم، هنگام پاسخ مشکلی پیش آمد. لطفاً دوباره امتحان کنید.',
  discordCardGuildOnly: 'کارت خلاصه را فقط در یک سرور می‌توان منتشر کرد.',
  discordCardNotInGuild: 'من عضو این سرور نیستم و نمی‌توانم اینجا منتشر کنم. از یک مدیر بخواهید مرا با دامنهٔ «bot» دعوت کند.',
  discordCardUnknownChannel: (channel: string) => `من ${channel} را نمی‌بینم. از یک مدیر بخواهید اجازهٔ «مشاهدهٔ کانال» را آنجا به من بدهد.`,
  discordCardMissingPermissions: (channel: string, permissions: string) =>
    `نمی‌توانم در ${channel} منتشر کنم: اجازهٔ «${permissions}» را آنجا ندارم. از یک مدیر بخواهید آن را بدهد یا کانال دیگری انتخاب کنید.`,
  discordCardRefused: (channel: string, reason: string) => `دیسکورد انتشار من در ${channel} را نپذیرفت: ${reason}. از یک مدیر بخواهید اجازه‌های مرا آنجا بررسی کند.`,
  discordCardPosted: (channel: string, link: string) => `کارت خلاصه در ${channel} منتشر شد: ${link}`,
  discordPermViewChannel: 'مشاهدهٔ کانال',
  discordPermSendMessages: 'ارسال پیام',
  discordPermEmbedLinks: 'جاسازی پیوندها',
  discordPermMissing: 'اجازهٔ ناکافی',
  discordPermMissingAccess: 'عدم دسترسی',
};
