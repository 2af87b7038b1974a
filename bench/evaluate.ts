import { NONE, OOS, type Task } from './corpora.js';
import type { BenchEngine, Prediction } from './engines.js';
import { baggedThreshold, paperThreshold, type Scored } from './threshold.js';

/** One row of the benchmark's JSON contract (fields that do not apply are omitted). */
export interface Result {
  engine: string;
  corpus: string;
  inScopeAccuracy?: number;
  oosRecall?: number;
  accuracy?: number;
  trainMs?: number;
  qps?: number;
  p50us?: number;
  p99us?: number;
  trainSize?: number;
  testSize?: number;
  /** CLINC150, engines without a threshold of their own: the threshold chosen on validation and the rule. */
  threshold?: number;
  thresholdRule?: string;
  /** The same model under the paper's plain (unbagged) rule, for comparison. */
  plainRule?: { threshold: number; inScopeAccuracy: number; oosRecall: number };
}

const isOos = (intent: string) => intent === OOS || intent === NONE;

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Fewest timed queries behind a latency percentile: small test sets are asked several times over. */
const MIN_TIMED = 2000;

/**
 * Asks every query one at a time on this thread, timing each. Predictions
 * come from the first round; a small test set is repeated until at least
 * MIN_TIMED queries have been timed, so that p99 is not just the slowest one.
 */
async function predictAll(engine: BenchEngine, texts: readonly string[]) {
  const out: Prediction[] = [];
  const rounds = texts.length ? Math.ceil(MIN_TIMED / texts.length) : 0;
  const us = new Float64Array(rounds * texts.length);
  let total = 0n;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < texts.length; i++) {
      const t0 = process.hrtime.bigint();
      let p = engine.predict(texts[i]!);
      if (p instanceof Promise) p = await p;
      const dt = process.hrtime.bigint() - t0;
      total += dt;
      us[r * texts.length + i] = Number(dt) / 1000;
      if (r === 0) out.push(p);
    }
  }
  us.sort();
  const seconds = Number(total) / 1e9;
  return { predictions: out, qps: us.length / seconds, p50us: quantile(us, 0.5), p99us: quantile(us, 0.99) };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Trains `engine` on the task's training split and scores it on the test split. */
export async function evaluate(name: string, engine: BenchEngine, task: Task): Promise<Result> {
  const t0 = performance.now();
  await engine.train(task);
  const trainMs = performance.now() - t0;

  // Warm up the query path (JIT, caches) on training utterances before anything is timed.
  for (const e of task.train.slice(0, 300)) await engine.predict(e.text);

  // Out of scope: the engine said so (nlp.js's None, or the oos class of the second protocol) or scored below the threshold.
  const decide = (p: Prediction, threshold: number): string => (isOos(p.intent) || p.score < threshold ? OOS : p.intent);
  let threshold = -Infinity;
  let plain: number | undefined;
  if (task.kind !== 'braun' && !engine.ownThreshold) {
    const val = (
      await predictAll(
        engine,
        task.val.map((e) => e.text),
      )
    ).predictions;
    const inScope: Scored[] = [];
    const oos: number[] = [];
    val.forEach((p, i) => {
      const gold = task.val[i]!.intent;
      if (gold === OOS) oos.push(isOos(p.intent) ? -Infinity : p.score);
      else inScope.push({ score: p.score, correct: p.intent === gold });
    });
    threshold = baggedThreshold(inScope, oos);
    plain = paperThreshold(inScope, oos);
  }

  const run = await predictAll(
    engine,
    task.test.map((e) => e.text),
  );
  const cost = { trainMs: round(trainMs, 0), qps: round(run.qps, 0), p50us: round(run.p50us, 1), p99us: round(run.p99us, 1) };
  const sizes = { trainSize: task.train.length, testSize: task.test.length };

  if (task.kind === 'braun') {
    const right = run.predictions.filter((p, i) => p.intent === task.test[i]!.intent).length;
    return { engine: name, corpus: task.id, accuracy: round(right / task.test.length, 4), ...cost, ...sizes };
  }
  const clinc = (t: number) => {
    let inRight = 0;
    let inAll = 0;
    let oosRight = 0;
    let oosAll = 0;
    run.predictions.forEach((p, i) => {
      const gold = task.test[i]!.intent;
      const said = decide(p, t);
      if (gold === OOS) {
        oosAll++;
        if (isOos(said)) oosRight++;
      } else {
        inAll++;
        if (said === gold) inRight++;
      }
    });
    return { inScopeAccuracy: round(inRight / inAll, 4), oosRecall: round(oosRight / oosAll, 4) };
  };
  const result: Result = { engine: name, corpus: task.id, ...clinc(threshold), ...cost, ...sizes };
  if (plain !== undefined) {
    result.threshold = round(threshold, 4);
    result.thresholdRule =
      'CLINC150 paper rule (best validation accuracy, oos as a class), bagged: median over 200 bootstrap resamples of the validation split';
    result.plainRule = { threshold: round(plain, 4), ...clinc(plain) };
  }
  return result;
}
