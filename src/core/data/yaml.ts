import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A YAML file's data, or where and why it could not be read as data. */
export type YamlResult = { ok: true; value: unknown } | { ok: false; path: string; message: string };

class TooLarge extends Error {}

/**
 * Parses YAML text into plain data with bounded cost, whatever the text:
 * duplicate keys are found with one set per mapping (the `yaml` library's own
 * check compares every pair of keys: minutes for a file of 60,000 keys), and
 * the data with every alias expanded (an anchor referenced a thousand times,
 * or nested "billion laughs") may not exceed `maxExpanded` characters, so
 * validating and hashing it stays as cheap as for a file of that size.
 */
export function parseBoundedYaml(text: string, maxExpanded: number): YamlResult {
  try {
    return parse(text, maxExpanded);
  } catch (err) {
    // Nesting deep enough to exhaust the stack, say: a file that cannot be data.
    return { ok: false, path: '', message: `cannot be parsed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parse(text: string, maxExpanded: number): YamlResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? '' : `line ${lines.linePos(offset).line}`);
  const error = doc.errors[0];
  if (error) return { ok: false, path: lineOf(error.pos[0]), message: `not valid YAML: ${error.message.split('\n')[0] ?? error.message}` };

  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let total = 0;
  let duplicate: { key: string; at: number | undefined } | undefined;
  const add = (n: number) => {
    total += n;
    if (total > maxExpanded) throw new TooLarge();
  };
  // Size of a node with aliases expanded; each node is measured once, each alias adds its target's size again.
  const measure = (node: unknown): number => {
    if (node === null || node === undefined) return 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) return 1;
      const size = sizes.get(target) ?? (open.has(target) ? Number.POSITIVE_INFINITY : measure(target));
      add(size);
      return size;
    }
    const start = total;
    if (isScalar(node)) add(String(node.value ?? '').length + 1);
    else if (isSeq(node) || isMap(node)) {
      open.add(node);
      add(2);
      const keys = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items) {
        if (isPair(item)) {
          if (keys && isScalar(item.key)) {
            const key = String(item.key.value);
            if (keys.has(key) && !duplicate) duplicate = { key, at: item.key.range?.[0] };
            keys.add(key);
          }
          measure(item.key);
          measure(item.value);
        } else measure(item);
      }
      open.delete(node);
    }
    const size = total - start;
    sizes.set(node as Node, size);
    return size;
  };
  try {
    measure(doc.contents);
  } catch (err) {
    if (!(err instanceof TooLarge)) throw err;
    return {
      ok: false,
      path: '',
      message: `its aliases expand it beyond the limit of ${Math.round(maxExpanded / 1024)} KB per data file (DATA_MAX_FILE_KB); not read`,
    };
  }
  if (duplicate) return { ok: false, path: lineOf(duplicate.at), message: `not valid YAML: map keys must be unique ("${duplicate.key.slice(0, 60)}" repeats)` };
  return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) };
}
