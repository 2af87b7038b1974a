import { normalizeText, tokenize } from '../text/normalize.js';

/**
 * Finds the places (countries, capitals, demonyms, blocs) a text names, using
 * the gazetteer in data/places.yaml. Places are returned by their first
 * (canonical) name.
 */
export interface PlaceMention {
  /** Canonical (English) name. */
  place: string;
  /** The words as they stand in the text. */
  surface: string;
}

export interface PlaceFinder {
  find(normalized: string): string[];
  mentions(normalized: string): PlaceMention[];
  /** True when the text names Russia or Iran (or their capitals, demonyms). */
  partnerCount(normalized: string): number;
}

type Entry = { tokens: string[]; place: string };

function index(groups: readonly (readonly string[])[]): Map<string, Entry[]> {
  const byFirst = new Map<string, Entry[]>();
  for (const group of groups) {
    const place = group[0]!;
    for (const name of group) {
      const tokens = tokenize(normalizeText(name));
      if (!tokens.length) continue;
      const list = byFirst.get(tokens[0]!) ?? [];
      list.push({ tokens, place });
      byFirst.set(tokens[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
}

function scan(byFirst: Map<string, Entry[]>, normalized: string): PlaceMention[] {
  const tokens = tokenize(normalized);
  const found: PlaceMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = byFirst.get(tokens[i]!)?.find((e) => e.tokens.every((t, k) => tokens[i + k] === t));
    if (hit) {
      if (!found.some((f) => f.place === hit.place)) found.push({ place: hit.place, surface: tokens.slice(i, i + hit.tokens.length).join(' ') });
      i += hit.tokens.length - 1;
    }
  }
  return found;
}

export function createPlaceFinder(partners: readonly (readonly string[])[], places: readonly (readonly string[])[]): PlaceFinder {
  const partnerIndex = index(partners);
  const placeIndex = index(places);
  return {
    find: (normalized) => scan(placeIndex, normalized).map((m) => m.place),
    mentions: (normalized) => scan(placeIndex, normalized),
    partnerCount: (normalized) => scan(partnerIndex, normalized).length,
  };
}
