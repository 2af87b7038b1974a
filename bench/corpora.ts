import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled utterance. Out-of-scope is `oos` (CLINC150) or `None` (Braun et al.). */
export interface Example {
  text: string;
  intent: string;
}

export const OOS = 'oos';
export const NONE = 'None';

/**
 * A benchmark task: train on `train`, evaluate on `test`. `val` (CLINC150
 * only) is the only data a rejection threshold may be chosen on.
 */
export interface Task {
  /** Stable id used in the JSON output, e.g. `clinc150/threshold`. */
  id: string;
  kind: 'clinc-threshold' | 'clinc-oos-class' | 'braun';
  train: Example[];
  val: Example[];
  test: Example[];
}

type Pairs = [string, string][];
interface ClincFile {
  train: Pairs;
  val: Pairs;
  test: Pairs;
  oos_train: Pairs;
  oos_val: Pairs;
  oos_test: Pairs;
}

interface BraunFile {
  sentences: { text: string; intent: string; training: boolean }[];
}

export const BRAUN = [
  { id: 'braun/chatbot', file: 'ChatbotCorpus.json' },
  { id: 'braun/askubuntu', file: 'AskUbuntuCorpus.json' },
  { id: 'braun/webapps', file: 'WebApplicationsCorpus.json' },
] as const;

const CLINC_FILE = join('clinc150', 'data_full.json');
const BRAUN_DIR = 'braun';

/** Why the corpora cannot be used from `dir`, or undefined when they are all there. */
export function missingCorpora(dir: string): string | undefined {
  const need = [join(dir, CLINC_FILE), ...BRAUN.map((b) => join(dir, BRAUN_DIR, b.file))];
  const missing = need.filter((f) => !existsSync(f));
  return missing.length ? `corpus files not found: ${missing.join(', ')}` : undefined;
}

const toExamples = (pairs: Pairs): Example[] => pairs.map(([text, intent]) => ({ text, intent }));

/**
 * Every `step`-th intent with its first `perIntent` examples: a small but
 * representative slice (the CLINC150 files list each intent's examples together).
 */
function slice(examples: Example[], keep: Set<string>, perIntent: number): Example[] {
  const seen = new Map<string, number>();
  return examples.filter((e) => {
    if (!keep.has(e.intent)) return false;
    const n = seen.get(e.intent) ?? 0;
    seen.set(e.intent, n + 1);
    return n < perIntent;
  });
}

/**
 * The benchmark tasks. `quick` keeps 15 of CLINC150's 150 intents (20 train,
 * 5 validation and 10 test utterances each; 20 / 20 / 100 out-of-scope) and the
 * Braun corpora whole (they are small): enough to exercise every code path in
 * seconds, not to compare engines.
 */
export function loadTasks(dir: string, quick: boolean): Task[] {
  const clinc = JSON.parse(readFileSync(join(dir, CLINC_FILE), 'utf8')) as ClincFile;
  let train = toExamples(clinc.train);
  let val = toExamples(clinc.val);
  let test = toExamples(clinc.test);
  let oosTrain = toExamples(clinc.oos_train);
  let oosVal = toExamples(clinc.oos_val);
  let oosTest = toExamples(clinc.oos_test);
  if (quick) {
    const intents = [...new Set(train.map((e) => e.intent))].filter((_, i) => i % 10 === 0);
    const keep = new Set(intents);
    train = slice(train, keep, 20);
    val = slice(val, keep, 5);
    test = slice(test, keep, 10);
    oosTrain = oosTrain.slice(0, 20);
    oosVal = oosVal.slice(0, 20);
    oosTest = oosTest.slice(0, 100);
  }
  const tasks: Task[] = [
    { id: 'clinc150/threshold', kind: 'clinc-threshold', train, val: [...val, ...oosVal], test: [...test, ...oosTest] },
    { id: 'clinc150/oos-class', kind: 'clinc-oos-class', train: [...train, ...oosTrain], val: [...val, ...oosVal], test: [...test, ...oosTest] },
  ];
  for (const b of BRAUN) {
    const corpus = JSON.parse(readFileSync(join(dir, BRAUN_DIR, b.file), 'utf8')) as BraunFile;
    const all = corpus.sentences.map((s) => ({ text: s.text, intent: s.intent, training: s.training }));
    tasks.push({
      id: b.id,
      kind: 'braun',
      train: all.filter((s) => s.training).map(({ text, intent }) => ({ text, intent })),
      val: [],
      test: all.filter((s) => !s.training).map(({ text, intent }) => ({ text, intent })),
    });
  }
  return tasks;
}
