import type { Surface } from '../../conversation/request.js';
import type { navigation as en } from '../en/navigation.js';
import type { SectionOf } from '../section.js';

const HINTS: Record<Surface, string> = {
  console: 'پرسش خود را بنویسید یا /help، /topics، /topic <id> و /card <id> را بزنید. خروج: Ctrl-D.',
  telegram: 'به زبان خودتان بپرسید، از ‎/topics استفاده کنید یا در گروه از من نام ببرید.',
  discord: 'از ‎/ask، ‎/topic یا ‎/topics استفاده کنید، در کانال از من نام ببرید یا به من پیام مستقیم بدهید.',
};

export const navigation: SectionOf<typeof en> = {
  topicsButton: 'موضوع‌ها',
  moreButton: 'بیشتر',
  previousButton: 'قبلی',
  nextButton: 'بعدی',
  pickTopic: 'یک موضوع انتخاب کنید',
  openInBot: 'باز کردن در بات',
  helpHint: (surface: Surface) => HINTS[surface],
};
