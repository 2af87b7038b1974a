/**
 * NLU benchmark: our intent engine and nlp.js on CLINC150 (both protocols of
 * the paper) and the Braun et al. corpora, with accuracy and cost.
 *
 *   npm run bench [-- --data DIR] [--json] [--quick] [--engines ours,nlp.js,ours-defaults]
 *
 * DIR defaults to bench/corpora (the copies kept in the repository; see bench/corpora/NOTICE.md).
 *
 * Each engine runs in its own child process (this script, forked) so its peak
 * RSS is its own; engines run one after the other so they never compete for a
 * core. Output: one table, or with --json one object
 * { results: [{ engine, corpus, inScopeAccuracy?, oosRecall?, accuracy?, trainMs, qps, p50us, p99us, … }],
 *   peakRssMb: { engine: MB }, machine: { cpus, model, node, date, loadAverage, quick } }.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTasks, missingCorpora } from './corpora.js';
import { DEFAULT_ENGINES, ENGINES } from './engines.js';
import { evaluate, type Result } from './evaluate.js';
import { formatTable } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const dataArg = value('--data');
const dataDir = dataArg ? resolve(process.cwd(), dataArg) : resolve(here, 'corpora');
const quick = flag('--quick');

interface ChildReport {
  results: Result[];
  peakRssMb: number;
}

async function runChild(name: string): Promise<void> {
  const make = ENGINES[name];
  if (!make) throw new Error(`unknown engine ${name}`);
  const results: Result[] = [];
  for (const task of loadTasks(dataDir, quick)) results.push(await evaluate(name, make(), task));
  const braun = results.filter((r) => r.corpus.startsWith('braun/'));
  const tested = braun.reduce((n, r) => n + r.testSize!, 0);
  const right = braun.reduce((n, r) => n + Math.round(r.accuracy! * r.testSize!), 0);
  results.push({
    engine: name,
    corpus: 'braun/overall',
    accuracy: Number((right / tested).toFixed(4)),
    trainSize: braun.reduce((n, r) => n + r.trainSize!, 0),
    testSize: tested,
  });
  // maxRSS is in kilobytes on Linux and macOS.
  const report: ChildReport = { results, peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)) };
  process.send!(report);
}

function spawnEngine(name: string): Promise<ChildReport> {
  return new Promise((done, fail) => {
    const childArgs = ['--child', name, '--data', dataDir, ...(quick ? ['--quick'] : [])];
    // The child's stdout goes to our stderr: in --json mode stdout carries the JSON object only.
    const child = fork(fileURLToPath(import.meta.url), childArgs, { stdio: ['ignore', 2, 2, 'ipc'] });
    let report: ChildReport | undefined;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', fail);
    child.on('exit', (code) => (report && code === 0 ? done(report) : fail(new Error(`engine ${name}: child exited with code ${code}`))));
  });
}

async function main(): Promise<void> {
  const child = value('--child');
  if (child) return runChild(child);

  const missing = missingCorpora(dataDir);
  if (missing) {
    process.stderr.write(`bench: ${missing}\n(pass --data DIR; see docs/benchmarks.md for where the corpora come from)\n`);
    process.exit(2);
  }
  const names = (value('--engines') ?? DEFAULT_ENGINES.join(',')).split(',').filter(Boolean);
  const unknown = names.filter((n) => !ENGINES[n]);
  if (unknown.length) {
    process.stderr.write(`bench: unknown engine ${unknown.join(', ')} (known: ${Object.keys(ENGINES).join(', ')})\n`);
    process.exit(2);
  }
  // Other work on the machine slows every engine; the load average says how busy it was.
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown CPU',
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    quick,
  };
  const results: Result[] = [];
  const peakRssMb: Record<string, number> = {};
  for (const name of names) {
    if (!flag('--json')) process.stderr.write(`bench: ${name}${quick ? ' (quick)' : ''}…\n`);
    const report = await spawnEngine(name);
    results.push(...report.results);
    peakRssMb[name] = report.peakRssMb;
  }
  if (flag('--json')) {
    process.stdout.write(`${JSON.stringify({ results, peakRssMb, machine })}\n`);
    return;
  }
  const head = `${machine.cpus} × ${machine.model}, Node ${machine.node}, ${machine.date}, load average ${machine.loadAverage} at start`;
  process.stdout.write(`${head}${quick ? ' (QUICK SUBSAMPLE: not comparable)' : ''}\n\n`);
  process.stdout.write(formatTable(results, peakRssMb));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
