import type { SpecificType } from '../data/schema.js';
import type { Catalogue } from './en.js';
import { faDiscord } from './fa-discord.js';
import { faTelegram } from './fa-telegram.js';

const NOT_STATED: Record<SpecificType, string> = {
  when: 'منبع تاریخی برای این ذکر نکرده است.',
  who: 'منبع نامی برای این ذکر نکرده است.',
  where: 'منبع مکانی برای این ذکر نکرده است.',
  how_much: 'منبع رقمی برای این ذکر نکرده است.',
  how_long: 'منبع مدتی برای این ذکر نکرده است.',
  growth: 'منبع رقمی دربارهٔ رشد ذکر نکرده است.',
  price: 'منبع به قیمت یا هزینهٔ این اشاره نکرده است.',
};

/** Persian interface text. */
export const fa: Catalogue = {
  botName: 'Partnership Bot',
  helpTitle: 'به چه پرسش‌هایی پاسخ می‌دهم',
  helpText:
    'من به پرسش‌ها دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران که در ۱۷ ژانویهٔ ۲۰۲۵ امضا شد پاسخ می‌دهم: ' +
    'چه کسی، کی و کجا آن را امضا کرد و دربارهٔ گاز، تجارت، پرداخت‌ها، حمل‌ونقل، امنیت و منطقه چه می‌گوید. ' +
    'به زبان خودتان بپرسید؛ مثلاً «روسیه چقدر گاز به ایران می‌دهد؟».',
  welcomeTitle: 'خوش آمدید',
  welcomeText:
    'سلام! من به پرسش‌ها دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران (۱۷ ژانویهٔ ۲۰۲۵) همراه با منبع پاسخ می‌دهم. ' +
    'پرسش خود را بنویسید یا یک موضوع انتخاب کنید.',
  topicsTitle: 'موضوع‌ها',
  topicsText: 'یک موضوع انتخاب کنید:',
  declineOfftopic:
    'متأسفم، من فقط به پرسش‌ها دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران پاسخ می‌دهم و این پرسش خارج از آن است. این‌ها موضوع‌هایی است که می‌توانم پاسخ دهم:',
  declineOtherParties: (place: string) =>
    `من فقط دربارهٔ مشارکت روسیه و ایران اطلاعات دارم و دربارهٔ «${place}» در این زمینه اطلاعات مستندی ندارم. این‌ها موضوع‌هایی است که می‌توانم پاسخ دهم:`,
  declineEmpty: 'لطفاً پرسشی دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران بپرسید؛ مثلاً «کی امضا شد؟».',
  suggestText: 'مطمئن نیستم منظورتان چیست. آیا منظورتان یکی از این موضوع‌هاست؟',
  unknownTopic: (id: string) => `موضوعی با شناسهٔ «${id}» وجود ندارد. فهرست موضوع‌ها: /topics`,
  notStated: (type: SpecificType) => NOT_STATED[type],
  notStatedYear: (year: string) => `منبع دربارهٔ سال ${year} چیزی نگفته است.`,
  keyFacts: 'نکته‌های کلیدی',
  related: 'موضوع‌های مرتبط',
  source: 'منبع',
  asOf: 'به تاریخ',
  paragraph: 'بند',
  didYouMean: 'شاید منظورتان این بود',
  topicsButton: 'موضوع‌ها',
  moreButton: 'بیشتر',
  previousButton: 'قبلی',
  nextButton: 'بعدی',
  expired: 'این دکمه منقضی شده است. دوباره بپرسید یا از /topics استفاده کنید.',
  slowDown: 'پیام‌ها را خیلی سریع می‌فرستید؛ چند ثانیهٔ دیگر دوباره پاسخ می‌دهم.',
  tooLong: (max: number) => `این پیام خیلی طولانی است؛ فقط ${max} نویسهٔ اول آن را می‌خوانم.`,
  cardFooter: 'کارت خلاصه',
  unknownCommand: (command: string) => `فرمان ناشناخته: ${command}. ‏/help را امتحان کنید.`,
  ...faTelegram,
  ...faDiscord,
  consoleHint: 'پرسش خود را بنویسید یا /help، /topics، /topic <id> و /card <id> را بزنید. خروج: Ctrl-D.',
};
