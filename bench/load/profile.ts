import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A V8 .cpuprofile (node --cpu-prof) summarised: self time by package (or
 * project directory) and the top functions, to say where the bot's CPU goes.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, root: string): string {
  if (!url) return '(native / gc / idle)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  if (path.startsWith('node:')) return path;
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel.split('/').slice(0, 3).join('/');
}

/** Monotonic clock in µs: the clock V8 stamps profile samples with (on Linux, across processes). */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** `window` (monotonicUs() values): only samples taken during the run count, not start-up or shutdown. */
export function summariseProfiles(dir: string, root: string, window?: { from: number; to: number }, top = 15): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      at += us;
      if (!node || (window && (at < window.from || at > window.to))) return;
      const name = node.callFrame.functionName || '(anonymous)';
      if (name === '(idle)' || name === '(program)') return;
      total += us;
      const where = area(node.callFrame.url, root);
      byArea.set(where, (byArea.get(where) ?? 0) + us);
      const file = node.callFrame.url ? relative(root, node.callFrame.url.replace(/^file:\/\//, '')).replace(/^(\.\.\/)+/, '') : where;
      const fn = `${name} (${file})`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const pct = (us: number) => `${((us / Math.max(1, total)) * 100).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us)}  ${k}`)
      .join('\n');
  const span = window ? `, ${((window.to - window.from) / 1000).toFixed(0)} ms of load` : '';
  return `bot CPU profile (${files.length} thread(s)${span}, ${(total / 1000).toFixed(0)} ms on CPU), self time by area:\n${list(byArea)}\ntop functions:\n${list(byFunction)}`;
}
