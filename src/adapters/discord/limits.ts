import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip } from '../kit/text.js';

/** Discord's limits, all in UTF-16 code units (never more than Discord's own count). */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  placeholder: 150,
} as const;

/** Discord rejects empty (or only white-space) names and values; this zero-width space stands in. */
export const EMPTY = '\u200b';

/** `text`, or EMPTY when Discord would see nothing in it (empty or only white space). */
export function orEmpty(text: string): string {
  return /^\s*$/.test(text) ? EMPTY : text;
}
/** A field value shorter than this after shortening is dropped instead. */
const MIN_SHORTENED_VALUE = 20;

/** Characters Discord counts towards the 6000 limit of an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Clips every part of an embed, then fits the 6000 total: title, author and footer
 * (the source) stay; the description (the lead first) takes what is left; fields fill
 * the rest in order, the last one shortened or dropped.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const L = DISCORD_LIMITS;
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = orEmpty(clip(out.title, L.title));
  if (out.footer) out.footer = { ...out.footer, text: orEmpty(clip(out.footer.text, L.footer)) };
  if (out.author) out.author = { ...out.author, name: orEmpty(clip(out.author.name, L.author)) };
  let budget = L.embedTotal - embedLength({ ...out, description: undefined, fields: [] });
  if (out.description !== undefined) {
    out.description = orEmpty(clip(out.description, Math.min(L.description, budget)));
    budget -= out.description.length;
  }
  if (out.fields) {
    const fields: APIEmbedField[] = [];
    for (const f of out.fields.slice(0, L.fields)) {
      const name = orEmpty(clip(f.name, L.fieldName));
      const value = orEmpty(clip(f.value, L.fieldValue));
      if (name.length + value.length <= budget) {
        fields.push({ ...f, name, value });
        budget -= name.length + value.length;
        continue;
      }
      if (budget - name.length >= MIN_SHORTENED_VALUE) fields.push({ ...f, name, value: orEmpty(clip(value, budget - name.length)) });
      break;
    }
    out.fields = fields;
  }
  return out;
}

/**
 * Escapes Discord markdown so that data text shows as written: inline markers anywhere,
 * block markers (quote, heading, list) at line starts. Linear, unlike discord.js's escapeMarkdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)(>|#{1,3}\s|-\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}
