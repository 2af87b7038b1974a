import type { Result } from './evaluate.js';

const pct = (x: number | undefined) => (x === undefined ? '' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | undefined, digits = 0) =>
  x === undefined ? '' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The results as one Markdown table, rows grouped by corpus. */
export function formatTable(results: readonly Result[], peakRssMb: Record<string, number>): string {
  const header = ['corpus', 'engine', 'in-scope acc.', 'oos recall', 'accuracy', 'train ms', 'queries/s', 'p50 µs', 'p99 µs', 'peak RSS MB'];
  const corpora = [...new Set(results.map((r) => r.corpus))];
  const rows = corpora.flatMap((c) =>
    results
      .filter((r) => r.corpus === c)
      .map((r) => [
        c,
        r.engine,
        pct(r.inScopeAccuracy),
        pct(r.oosRecall),
        pct(r.accuracy),
        num(r.trainMs),
        num(r.qps),
        num(r.p50us, 1),
        num(r.p99us, 1),
        num(peakRssMb[r.engine], 0),
      ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n\nPeak RSS is the whole process of each engine (Node, tsx, corpora, every task), measured in its own child process.\n`;
}
