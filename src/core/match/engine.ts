import { createAnalyzer, type Analysis, type AnalyzerOptions } from '../text/analyze.js';
import { DEFAULT_FEATURES, featurize, type FeatureOptions, type SparseVector } from './features.js';
import { trainLinear, type LinearOptions } from './linear.js';

/**
 * A general intent classifier: trained from any corpus of intents with
 * example utterances (our topics, CLINC150, the Braun corpora), returning
 * every intent ranked by margin score. Pure: no I/O, no platform code.
 */
export interface IntentCorpus {
  intents: readonly { id: string; utterances: readonly string[] }[];
  /** Utterances that belong to no intent: negatives for every class. */
  negatives?: readonly string[];
}

export interface RankedIntent {
  id: string;
  score: number;
}

export interface IntentEngine {
  readonly intents: readonly string[];
  analyze(text: string): Analysis;
  /** Intents by descending score, computed from an analysis. */
  rankAnalysis(analysis: Analysis): RankedIntent[];
  rank(text: string): RankedIntent[];
}

export interface EngineOptions extends Omit<AnalyzerOptions, 'vocabularyTexts'> {
  features?: Partial<FeatureOptions>;
  linear?: Partial<LinearOptions>;
}

export function trainIntentEngine(corpus: IntentCorpus, opts: EngineOptions = {}): IntentEngine {
  const ids = corpus.intents.map((i) => i.id);
  const texts = corpus.intents.flatMap((i) => i.utterances);
  const analyzer = createAnalyzer({ ...opts, vocabularyTexts: texts });
  const features = { ...DEFAULT_FEATURES, ...opts.features };
  const vec = (a: Analysis): SparseVector => featurize(a.stems, a.words, features);

  const xs: SparseVector[] = [];
  const labels: number[] = [];
  corpus.intents.forEach((intent, c) => {
    for (const u of intent.utterances) {
      xs.push(vec(analyzer.analyze(u)));
      labels.push(c);
    }
  });
  for (const u of corpus.negatives ?? []) {
    xs.push(vec(analyzer.analyze(u)));
    labels.push(-1);
  }
  const model = trainLinear(xs, Int32Array.from(labels), ids.length, opts.linear);
  const buffer = new Float32Array(ids.length);

  const rankAnalysis = (a: Analysis): RankedIntent[] => {
    const s = model.scores(vec(a), buffer);
    return ids.map((id, c) => ({ id, score: s[c]! })).sort((x, y) => y.score - x.score);
  };
  return {
    intents: ids,
    analyze: (text) => analyzer.analyze(text),
    rankAnalysis,
    rank: (text) => rankAnalysis(analyzer.analyze(text)),
  };
}
