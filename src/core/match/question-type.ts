import type { QuestionType } from '../data/schema.js';

/**
 * Detects what kind of answer a question wants, most specific first, from its
 * normalised text ("how fast did trade grow" → growth, how_much).
 */
const PATTERNS: [QuestionType, RegExp][] = [
  ['growth', /\b(how fast|grow|grew|grown|growth|increase[ds]?|rise|rose|risen|surge[ds]?|jump(ed)?|by how much|percent(age)? (increase|change|growth))\b/],
  ['how_long', /\b(how long|how many years|for how many|duration|what term|valid (for|until)|last(s)? for|lasting|term of)\b/],
  ['when', /\b(when|what (date|day|month|year)|which (date|day|month|year)|on what day|in what year)\b/],
  ['where', /\b(where|(which|what) (city|place|town|capital|location|country))\b/],
  ['who', /\b(who|whom|whose|which (leaders?|presidents?|people|officials?|heads?)|signatories|signed by)\b/],
  ['why', /\b(why|what for|for what reason|reasons?|motivat\w*|purpose|rationale)\b/],
  ['how_much', /\b(how (much|many|big|large)|what (volume|amount|quantity|percentage|percent|share|proportion|portion|fraction|figure|value|level|number|sum|size)|volume|amount|percent(age)?|(share|proportion|part) of|how big)\b/],
];

export function questionTypes(normalized: string): QuestionType[] {
  return PATTERNS.filter(([, re]) => re.test(normalized)).map(([type]) => type);
}
