import type nlp from 'node-nlp';
import { trainIntentEngine, type EngineOptions, type IntentEngine } from '../src/core/match/engine.js';
import type { Task } from './corpora.js';

export interface Prediction {
  intent: string;
  /** The engine's confidence in `intent` (our SVM margin, nlp.js's probability). */
  score: number;
}

/** An engine under test: trained once per task, then asked one query at a time. */
export interface BenchEngine {
  train(task: Task): Promise<void>;
  predict(text: string): Prediction | Promise<Prediction>;
  /**
   * True when the engine rejects out-of-scope queries by itself (nlp.js answers
   * `None` below its built-in 0.5); false when the benchmark must choose a
   * threshold on the validation split (ours: on the top SVM margin).
   */
  readonly ownThreshold: boolean;
}

/**
 * How the benchmark configures our engine; everything not named here is the
 * engine's default (the bot's matcher uses the defaults plus typo correction).
 * - Typo correction is off: the corpora come with no list of correctly spelt
 *   words for it to leave alone, and it costs time per query.
 * - CLINC150 (15,000 examples, 150 intents): weights below 0.15 are pruned
 *   (6,400 → 2,400 multiply-adds per query) and the solver stops at tolerance
 *   0.5 instead of 0.1 (half the training time), together for 0.4 point of
 *   in-scope accuracy. The bot's 18 topics keep the defaults, where both cost
 *   nothing and the small weights matter.
 * - Braun et al. (2 to 57 training examples per intent): character n-grams
 *   only. With a handful of examples the word unigrams and bigrams mostly
 *   memorise product names ("Gmail", "Google") instead of the intent's words,
 *   while character n-grams also match "sync" to "syncing". docs/benchmarks.md
 *   gives the default configuration's figures too.
 */
export function optionsFor(task: Task): EngineOptions {
  if (task.kind === 'braun') return { typos: false, features: { wordWeight: 0, charWeight: 1 } };
  return { typos: false, linear: { prune: 0.15, tolerance: 0.5 } };
}

export function ours(options: (task: Task) => EngineOptions = optionsFor): BenchEngine {
  let engine: IntentEngine | undefined;
  return {
    ownThreshold: false,
    async train(task) {
      engine = undefined; // the previous task's model is garbage before this one is built
      const byIntent = new Map<string, string[]>();
      for (const e of task.train) {
        const list = byIntent.get(e.intent);
        if (list) list.push(e.text);
        else byIntent.set(e.intent, [e.text]);
      }
      const corpus = { intents: [...byIntent].map(([id, utterances]) => ({ id, utterances })) };
      engine = trainIntentEngine(corpus, options(task));
    },
    predict(text) {
      const { id, score } = engine!.classify(text);
      return { intent: id, score };
    },
  };
}

/**
 * nlp.js 4 (`node-nlp`) with default settings, English only; only its training
 * log is silenced. Loaded on first use so that our engine's process never pays
 * for it.
 */
export function nlpjs(): BenchEngine {
  let manager: nlp.NlpManager | undefined;
  return {
    ownThreshold: true,
    async train(task) {
      manager = undefined;
      const { NlpManager } = (await import('node-nlp')).default;
      manager = new NlpManager({ languages: ['en'], nlu: { log: false } });
      for (const e of task.train) manager.addDocument('en', e.text, e.intent);
      await manager.train();
    },
    async predict(text) {
      const r = await manager!.process('en', text);
      return { intent: r.intent, score: r.score };
    },
  };
}

export const ENGINES: Record<string, () => BenchEngine> = {
  ours: () => ours(),
  'nlp.js': nlpjs,
  /** Not run by default: our engine with its defaults on every corpus (typo correction still off). */
  'ours-defaults': () => ours(() => ({ typos: false })),
};

/** The engines a plain `npm run bench` compares. */
export const DEFAULT_ENGINES = ['ours', 'nlp.js'];
