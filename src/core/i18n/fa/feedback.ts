import type { feedback as en } from '../en/feedback.js';
import type { SectionOf } from '../section.js';

export const feedback: SectionOf<typeof en> = {
  voteThanks: 'از بازخورد شما سپاسگزارم!',
  voteChanged: 'رأی شما تغییر کرد. سپاسگزارم!',
  voteSame: 'رأی شما پیش‌تر ثبت شده است. سپاسگزارم!',
  voteFailed: 'متأسفم، الان نتوانستم رأی شما را ثبت کنم. لطفاً بعداً دوباره امتحان کنید.',
  voteNothing: 'هنوز پاسخی برای رأی دادن نیست: اول یک پرسش بپرسید.',
  voteUsage: 'به آخرین پاسخ من با ‎/vote up یا ‎/vote down رأی بدهید.',
};
