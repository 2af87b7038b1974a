import { createAnalyzer, type Analysis, type Analyzer, type AnalyzerOptions } from '../text/analyze.js';
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions } from './features.js';
import { RowsBuilder, SparseLinearModel, trainRows, type LinearModelData, type LinearOptions } from './linear.js';

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
  /** The best intent only (nothing else is ranked): the fast path for bulk classification. */
  classify(text: string): RankedIntent;
  /** What training produced, as data for `importIntentEngine`. Shares the weight arrays (transfer, don't copy). */
  toModel(): EngineModel;
}

/** A trained engine as structured-clonable data: everything training computed, nothing derivable from the corpus. */
export interface EngineModel {
  ids: string[];
  features: FeatureOptions;
  /** Whether the analyser corrects typos (`AnalyzerOptions.typos`). */
  typos: boolean;
  linear: LinearModelData;
}

export interface EngineOptions extends Omit<AnalyzerOptions, 'vocabularyTexts'> {
  features?: Partial<FeatureOptions>;
  linear?: Partial<LinearOptions>;
}

interface Prepared {
  ids: string[];
  analyzer: Analyzer;
  featurizer: Featurizer;
  builder: RowsBuilder;
  labels: Int32Array;
}

/** The analyser is a function of the corpus's utterances (its typo vocabulary) and the options, never of training. */
function analyzerFor(corpus: IntentCorpus, opts: EngineOptions): Analyzer {
  return createAnalyzer({ ...opts, vocabularyTexts: corpus.intents.flatMap((i) => i.utterances) });
}

function prepare(corpus: IntentCorpus, opts: EngineOptions): Prepared {
  const ids = corpus.intents.map((i) => i.id);
  const analyzer = analyzerFor(corpus, opts);
  const featurizer = new Featurizer({ ...DEFAULT_FEATURES, ...opts.features });
  const builder = new RowsBuilder();
  const labels: number[] = [];
  const add = (text: string, label: number) => {
    const a = analyzer.analyze(text);
    builder.add(featurizer.idx, featurizer.val, featurizer.run(a.stems, a.words));
    labels.push(label);
  };
  corpus.intents.forEach((intent, c) => intent.utterances.forEach((u) => add(u, c)));
  for (const u of corpus.negatives ?? []) add(u, -1);
  return { ids, analyzer, featurizer, builder, labels: Int32Array.from(labels) };
}

function assemble({ ids, analyzer, featurizer }: Omit<Prepared, 'builder' | 'labels'>, model: SparseLinearModel): IntentEngine {
  const scores = new Float64Array(ids.length);
  const score = (a: Analysis): Float64Array => {
    model.accumulate(featurizer.idx, featurizer.val, featurizer.run(a.stems, a.words), scores);
    return scores;
  };
  const rankAnalysis = (a: Analysis): RankedIntent[] => {
    const s = score(a);
    return ids.map((id, c) => ({ id, score: s[c]! })).sort((x, y) => y.score - x.score);
  };
  return {
    intents: ids,
    analyze: (text) => analyzer.analyze(text),
    rankAnalysis,
    rank: (text) => rankAnalysis(analyzer.analyze(text)),
    classify(text) {
      const s = score(analyzer.analyze(text));
      let best = 0;
      for (let c = 1; c < s.length; c++) if (s[c]! > s[best]!) best = c;
      return { id: ids[best]!, score: s[best]! };
    },
    toModel: () => ({ ids: [...ids], features: { ...featurizer.opts }, typos: analyzer.corrector !== undefined, linear: model.toData() }),
  };
}

export function trainIntentEngine(corpus: IntentCorpus, opts: EngineOptions = {}): IntentEngine {
  const p = prepare(corpus, opts);
  return assemble(p, trainRows(p.builder, p.labels, p.ids.length, opts.linear));
}

/**
 * The engine `trainIntentEngine(corpus, opts)` exported as `model`, without
 * training: the analyser is rebuilt from the same corpus and options, the
 * weights are used as they are, so it ranks exactly as the exported engine.
 * Throws when the corpus's intents are not the model's.
 */
export function importIntentEngine(model: EngineModel, corpus: IntentCorpus, opts: Omit<EngineOptions, 'features' | 'linear' | 'typos'> = {}): IntentEngine {
  const ids = corpus.intents.map((i) => i.id);
  if (ids.length !== model.ids.length || ids.some((id, c) => id !== model.ids[c])) throw new Error('engine model: the corpus has other intents than the model');
  const analyzer = analyzerFor(corpus, { ...opts, typos: model.typos });
  return assemble({ ids, analyzer, featurizer: new Featurizer({ ...model.features }) }, SparseLinearModel.fromData(model.linear));
}
