import { normalizeText, tokenize } from './normalize.js';
import { stem } from './stem.js';

/**
 * Rewrites every variant of a synonym group to the group's canonical term,
 * longest variant first ("international north south transport corridor" → "instc").
 * Words are compared by their stems, so inflected forms match too ("re exported"
 * as "re export" → "reexport").
 */
export interface SynonymRewriter {
  rewrite(tokens: readonly string[]): string[];
}

export function createSynonymRewriter(groups: readonly (readonly string[])[]): SynonymRewriter {
  // first token's stem → variants (as stem lists) with their canonical replacement, longest first
  const byFirst = new Map<string, { variant: string[]; canonical: string[] }[]>();
  for (const group of groups) {
    const canonical = tokenize(normalizeText(group[0] ?? ''));
    if (!canonical.length) continue;
    for (const term of group.slice(1)) {
      const variant = tokenize(normalizeText(term)).map(stem);
      if (!variant.length) continue;
      const list = byFirst.get(variant[0]!) ?? [];
      list.push({ variant, canonical });
      byFirst.set(variant[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.variant.length - a.variant.length);

  return {
    rewrite(tokens) {
      const out: string[] = [];
      const stems = tokens.map(stem);
      for (let i = 0; i < tokens.length; ) {
        const hit = byFirst.get(stems[i]!)?.find(({ variant }) => variant.every((t, k) => stems[i + k] === t));
        if (hit) {
          out.push(...hit.canonical);
          i += hit.variant.length;
        } else {
          out.push(tokens[i]!);
          i++;
        }
      }
      return out;
    },
  };
}
