import type { SpecificType } from '../../data/schema.js';
import type { answers as en } from '../en/answers.js';
import type { SectionOf } from '../section.js';

const NOT_STATED: Record<SpecificType, string> = {
  when: 'منبع تاریخی برای این ذکر نکرده است.',
  who: 'منبع نامی برای این ذکر نکرده است.',
  where: 'منبع مکانی برای این ذکر نکرده است.',
  how_much: 'منبع رقمی برای این ذکر نکرده است.',
  how_long: 'منبع مدتی برای این ذکر نکرده است.',
  growth: 'منبع رقمی دربارهٔ رشد ذکر نکرده است.',
  price: 'منبع به قیمت یا هزینهٔ این اشاره نکرده است.',
};

export const answers: SectionOf<typeof en> = {
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
    'متأسفم، من فقط به پرسش‌ها دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران پاسخ می‌دهم و این پرسش خارج از آن است. یکی از این موضوع‌ها را امتحان کنید یا همهٔ موضوع‌ها را ببینید:',
  declineOtherParties: (place: string) =>
    `من فقط دربارهٔ مشارکت روسیه و ایران اطلاعات دارم و دربارهٔ «${place}» در این زمینه اطلاعات مستندی ندارم. یکی از این موضوع‌ها را امتحان کنید یا همهٔ موضوع‌ها را ببینید:`,
  declineEmpty: 'لطفاً پرسشی دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران بپرسید؛ مثلاً «کی امضا شد؟».',
  suggestText: 'مطمئن نیستم منظورتان چیست. آیا منظورتان یکی از این موضوع‌هاست؟',
  unknownTopic: (id: string) => `موضوعی با شناسهٔ «${id}» وجود ندارد. فهرست موضوع‌ها: /topics`,
  notStated: (type: SpecificType) => NOT_STATED[type],
  notStatedYear: (year: string) => `منبع دربارهٔ سال ${year} چیزی نگفته است.`,
  keyFacts: 'نکته‌های کلیدی',
  related: 'موضوع‌های مرتبط',
  source: 'منبع',
  published: 'منتشرشده در',
  asOf: 'به تاریخ',
  paragraph: 'بند',
  didYouMean: 'شاید منظورتان این بود',
  cardFooter: 'کارت خلاصه',
  overviewChoice: 'نمای کلی: کل مشارکت',
  agreementName: 'توافق‌نامه مشارکت راهبردی روسیه و ایران',
  yes: 'بله.',
  no: 'خیر.',
  /** A yes/no about a plan only considered, or work still in progress, when the source was written. */
  considered: 'در دست بررسی است.',
  underWay: 'در حال انجام است.',
  /** A yes/no asking whether work the source says is under way (or only considered) is done. */
  notYet: (stage: 'considered' | 'under-way') => (stage === 'considered' ? 'هنوز نه، تا جایی که منبع می‌گوید: در دست بررسی است.' : 'هنوز نه، تا جایی که منبع می‌گوید: در حال انجام است.'),
  /** Before what an older source said on a point a newer one leads with. */
  olderSource: (date: string) => `منبعی قدیمی‌تر (${date}) گفته بود:`,
  notSaid: 'منبع در این باره چیزی نمی‌گوید.',
  notInSource: 'منبع چنین چیزی نمی‌گوید.',
  notLinked: (name: string) => `منبع «${name}» را به این موضوع ربط نمی‌دهد.`,
  afterSource: (date: string) => `منبع من در ${date} منتشر شده و نمی‌تواند بگوید پس از آن چه شده است.`,
  asOfThen: 'تا آن زمان:',
  moreOn: (title: string) => `بیشتر: ${title}`,
  sourceTitle: 'منبع من',
  sourceText: (date: string) =>
    `من از یک منبع پاسخ می‌دهم: مقاله‌ای دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران که در ${date} منتشر شده است. ` +
    'داده‌های من گزاره‌های آن را نگه می‌دارد و هر کدام به واژه‌ها و بند دقیق مقاله وابسته است؛ چیزی از خودم اضافه نمی‌کنم و نمی‌دانم پس از آن تاریخ چه شده است.',
  smallHello: 'سلام! هر پرسشی دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران دارید بپرسید.',
  smallThanks: 'خواهش می‌کنم!',
  smallOk: 'خوشحالم که کمک کردم. باز هم دربارهٔ توافق‌نامه بپرسید.',
  smallBye: 'خدانگهدار!',
  smallLaugh: '😄',
  declineRequest:
    'من فقط به پرسش‌ها دربارهٔ توافق‌نامهٔ مشارکت راهبردی روسیه و ایران از روی منبعم پاسخ می‌دهم؛ ترجمه نمی‌کنم، متن نمی‌نویسم، توصیه یا پیش‌بینی نمی‌کنم. بپرسید توافق‌نامه چه می‌گوید.',
  declineAfterSource: (date: string) => `منبع من در ${date} منتشر شده و نمی‌تواند بگوید پس از آن چه شده است. بپرسید منبع دربارهٔ توافق‌نامه چه می‌گوید.`,
};
