/**
 * Arabic-script joining for measuring text: maps each letter to the
 * presentation form (isolated, final, initial, medial) that shaping will
 * draw, so its advance can be read from the font's cmap. The form tables are
 * derived from Unicode's compatibility decompositions (NFKC) of the
 * presentation-form blocks, so no table is typed by hand.
 */
type Forms = { isolated: number; final?: number; initial?: number; medial?: number };

let table: { forms: Map<number, Forms>; lamAlef: Map<number, Forms> } | undefined;

function build() {
  const forms = new Map<number, Forms>();
  const lamAlef = new Map<number, Forms>();
  const groups: { base: string; cps: number[] }[] = [];
  const scan = (from: number, to: number) => {
    for (let cp = from; cp <= to; cp++) {
      const base = String.fromCodePoint(cp).normalize('NFKC');
      if (base === String.fromCodePoint(cp)) continue;
      const last = groups.at(-1);
      if (last && last.base === base && last.cps.at(-1) === cp - 1) last.cps.push(cp);
      else groups.push({ base, cps: [cp] });
    }
  };
  scan(0xfb50, 0xfbff);
  scan(0xfe80, 0xfefc);
  for (const { base, cps } of groups) {
    const chars = [...base];
    const [isolated, final, initial, medial] = cps;
    if (isolated === undefined) continue;
    const entry = { isolated, final, initial, medial };
    if (chars.length === 1 && (cps.length === 1 || cps.length === 2 || cps.length === 4)) {
      const cp = chars[0]!.codePointAt(0)!;
      if (!forms.has(cp)) forms.set(cp, entry);
    } else if (chars.length === 2 && chars[0] === '\u0644' && cps.length === 2) {
      lamAlef.set(chars[1]!.codePointAt(0)!, entry);
    }
  }
  return { forms, lamAlef };
}

const TRANSPARENT = /\p{Mn}/u;
const JOIN_CAUSING = new Set([0x200d, 0x0640]);

/** Joining type: 'D' joins both sides, 'R' only to the letter before it, 'U' to neither. */
function joining(cp: number | undefined, forms: Map<number, Forms>): 'D' | 'R' | 'U' {
  if (cp === undefined) return 'U';
  if (JOIN_CAUSING.has(cp)) return 'D';
  const f = forms.get(cp);
  if (!f) return 'U';
  return f.medial !== undefined ? 'D' : f.final !== undefined ? 'R' : 'U';
}

/** Code points as they will be drawn: Arabic letters replaced by their contextual presentation forms. */
export function shapedCodePoints(text: string, has: (cp: number) => boolean = () => true): number[] {
  const cps = [...text].map((ch) => ch.codePointAt(0)!);
  if (!cps.some((cp) => cp >= 0x0600 && cp <= 0x06ff)) return cps;
  table ??= build();
  const { forms, lamAlef } = table;
  const letters = cps.map((cp, i) => ({ cp, i })).filter(({ cp }) => !TRANSPARENT.test(String.fromCodePoint(cp)));
  const out = [...cps];
  for (let k = 0; k < letters.length; k++) {
    const { cp, i } = letters[k]!;
    const type = joining(cp, forms);
    const f = forms.get(cp);
    if (!f || type === 'U') continue;
    const before = joining(letters[k - 1]?.cp, forms) === 'D';
    const nextType = joining(letters[k + 1]?.cp, forms);
    const after = type === 'D' && nextType !== 'U';
    const ligature = cp === 0x0644 && letters[k + 1] ? lamAlef.get(letters[k + 1]!.cp) : undefined;
    const lig = ligature && ((before ? ligature.final : undefined) ?? ligature.isolated);
    if (lig !== undefined && has(lig)) {
      out[i] = lig;
      out[letters[k + 1]!.i] = -1;
      k++;
      continue;
    }
    const form = before && after ? f.medial : before ? f.final : after ? f.initial : f.isolated;
    out[i] = form !== undefined && has(form) ? form : cp;
  }
  return out.filter((cp) => cp >= 0);
}
