import type { KnowledgeBase, Lang, Theme, Topic } from '../data/schema.js';
import { openTopic, topicRef, voteActions } from '../reply-actions.js';
import type { AnswerReply } from '../reply.js';
import { sourceRef, text } from '../source.js';
import { stem } from '../text/stem.js';
import { ABOUT_WORDS } from './question.js';

/**
 * Words that ask for an area as a whole without naming anything in it ("the financial side",
 * "the main security provisions", "военная часть соглашения", "جنبه‌های اقتصادی توافق").
 */
const FRAME_WORDS = (
  'side sides aspect aspects angle part parts provision provisions element elements dimension component components stuff thing things ' +
  'cooperation collaboration area areas sphere matters issue issues point points main key overall agreement deal partnership treaty pact ' +
  'explain summarise summarize summary overview tell describe confuse confuses confusing understand ngl honestly about detail details ' +
  'term terms clause clauses section sections front piece bit portion content contents highlight highlights ' +
  'cover covers include includes involve involves contain contains address addresses say says ' +
  'country countries two both nations sides between laid lay outline outlined set implication implications ' +
  'quick brief short rundown recap gist lowdown tl dr tldr pls plz please situation measure measures step steps bullet bullets few couple list related relating form format news information info sentence sentences commitment commitments pledge pledges obligation obligations sum walk through run down give show fill clue break go over unpack ' +
  'general generally try tries tried trying make makes made making become becoming handle handles handled handling manage manages managed managing arrange arranged agree agreed agreeing ' +
  'сторона стороны аспект аспекты часть части положения положение пункты пункт вопросы вопрос сотрудничество соглашение договор сделка ' +
  'договорились договорились договариваются ' +
  'партнерство главное основное основные ключевые расскажи расскажите объясни объясните опиши кратко обзор сфера область раздел ' +
  'جنبه جنبه‌های جنبه‌ها بخش بخش‌های بخش‌ها بعد ابعاد همکاری توافق توافقنامه قرارداد پیمان مشارکت اصلی کلیدی مهم توضیح بده بگو خلاصه ' +
  'مفاد بند بندهای موارد حوزه'
)
  .split(' ')
  .map((w) => stem(w));

const FRAME = new Set(FRAME_WORDS);
/** A word that frames a part of the source rather than naming what is in it ("side", "section", "explain"). */
export const isFrameWord = (stem: string): boolean => FRAME.has(stem);

export interface ThemeFinder {
  /** The one area a question asks to have summarised, when its words name that area and nothing else of the data. */
  find(stems: readonly string[], isStop: (stem: string) => boolean): Theme | undefined;
}

export function createThemeFinder(kb: KnowledgeBase, stemsOf: (text: string) => string[]): ThemeFinder {
  const names = kb.themes.map((theme) => ({
    theme,
    names: [...theme.names.en, ...theme.names.ru, ...theme.names.fa].map(stemsOf).filter((s) => s.length > 0),
  }));
  return {
    find(stems, isStop) {
      const used = new Set<number>();
      const hits = new Set<Theme>();
      for (const { theme, names: list } of names) {
        for (const name of list) {
          for (let i = 0; i + name.length <= stems.length; i++) {
            if (name.every((s, j) => stems[i + j] === s)) {
              hits.add(theme);
              for (let j = 0; j < name.length; j++) used.add(i + j);
            }
          }
        }
      }
      if (hits.size !== 1) return undefined;
      const rest = stems.filter((s, i) => !used.has(i) && !isStop(s) && !FRAME.has(s) && !ABOUT_WORDS.has(s));
      return rest.length === 0 ? [...hits][0] : undefined;
    },
  };
}

/** Most topics a summary of an area lists, with a "More" button each. */
const MAX_THEME_TOPICS = 4;

/**
 * "Tell me about the financial side": each of the area's topics in its one-sentence answer, the first
 * leading, with a button to each topic. The source line names no paragraph: the sentences come from several.
 */
export function themeSummary(kb: KnowledgeBase, theme: Theme, lang: Lang): AnswerReply | undefined {
  const topics = theme.topics.flatMap((id) => kb.topics.find((x) => x.id === id) ?? []).slice(0, MAX_THEME_TOPICS);
  const [first, ...rest] = topics as [Topic | undefined, ...Topic[]];
  if (!first) return undefined;
  return {
    kind: 'answer',
    grounding: 'answered',
    form: 'short',
    lang,
    topicId: first.id,
    area: theme.id,
    title: text(theme.title, lang),
    lead: text(first.short, lang),
    details: rest.map((x) => text(x.short, lang)).join(' '),
    facts: [],
    source: sourceRef(kb, first.source.id, lang),
    actions: [...topics.map((x) => openTopic(topicRef(x, lang), lang, 'more')), ...voteActions(first.id, lang)],
  };
}
