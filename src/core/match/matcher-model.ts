import type { Lang } from '../data/schema.js';
import type { EngineModel } from './engine.js';

/**
 * Bumped whenever the shape of `MatcherModel` changes, or what its weights are keyed by (the stems:
 * 2 = "-us" nouns keep their "s"; 3 = "-ially" adverbs join their nouns, and frequent capitalised
 * words are no longer "corrected"), so a model stored by older code is retrained, not misread.
 */
export const MATCHER_MODEL_FORMAT = 3;

/**
 * A trained matcher as structured-clonable data (`Matcher.toModel()` →
 * `importMatcher(kb, model)`): what training computed from the knowledge base,
 * so another thread can train and this one only assemble. Anything cheap and
 * deterministic (analysers, place finder) is rebuilt from the knowledge base.
 */
export interface MatcherModel {
  format: number;
  /** The `KnowledgeBase.version` trained on; importing with other data is refused. */
  version: string;
  languages: {
    lang: Lang;
    engine: EngineModel;
    /** Coverage keys of the words the topics use in this language. */
    domainStems: string[];
  }[];
  /** Per topic id, the places the topic itself names (not "another country pair" for it). */
  allowedPlaces: [string, string[]][];
}

/** The distinct buffers under the model's typed arrays: a `postMessage` transfer list (the model moves, it is not copied). */
export function modelBuffers(model: MatcherModel): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { engine } of model.languages) {
    const { keys, start, cls, w, bias } = engine.linear;
    for (const a of [keys, start, cls, w, bias]) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  return [...buffers];
}
