import { normalizeText, tokenize } from './normalize.js';

/**
 * Rewrites every variant of a synonym group to the group's canonical term,
 * longest variant first ("international north south transport corridor" → "instc").
 */
export interface SynonymRewriter {
  rewrite(tokens: readonly string[]): string[];
}

export function createSynonymRewriter(groups: readonly (readonly string[])[]): SynonymRewriter {
  // first token → variants (as token lists) with their canonical replacement, longest first
  const byFirst = new Map<string, { variant: string[]; canonical: string[] }[]>();
  for (const group of groups) {
    const canonical = tokenize(normalizeText(group[0] ?? ''));
    if (!canonical.length) continue;
    for (const term of group.slice(1)) {
      const variant = tokenize(normalizeText(term));
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
      for (let i = 0; i < tokens.length; ) {
        const hit = byFirst.get(tokens[i]!)?.find(({ variant }) => variant.every((t, k) => tokens[i + k] === t));
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
