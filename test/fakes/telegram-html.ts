/**
 * Telegram's HTML parse mode as the Bot API applies it, for the fake: only the
 * supported tags, properly nested, with & < > written as entities. Returns the
 * visible text (what Telegram's length limits count) or the reason it fails.
 */
const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*"|='[^'<>]*')?)*)\s*>/;
const ENTITY = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/;

export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  let text = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const tag = TAG.exec(html.slice(i));
      if (!tag) return { error: `unexpected "<" at offset ${i}` };
      const [whole, closing, rawName, attrs = ''] = tag;
      const name = rawName!.toLowerCase();
      if (!TAGS.has(name)) return { error: `unsupported start tag "${name}" at offset ${i}` };
      if (closing) {
        if (open.pop() !== name) return { error: `can't find end tag corresponding to start tag "${name}"` };
      } else {
        if (name === 'a' && !/\shref="[^"]+"/.test(attrs)) return { error: 'a tag without href' };
        open.push(name);
      }
      i += whole.length;
    } else if (ch === '&') {
      const entity = ENTITY.exec(html.slice(i));
      if (!entity) return { error: `unescaped "&" at offset ${i}` };
      text += entity[1] ? ENTITIES[entity[1]] : String.fromCodePoint(Number.parseInt(entity[2] ?? entity[3]!, entity[2] ? 10 : 16));
      i += entity[0].length;
    } else {
      text += ch;
      i += 1;
    }
  }
  if (open.length) return { error: `unclosed tag "${open.at(-1)}"` };
  return { text };
}

/** Checks an inline keyboard as Telegram does: button text, and exactly one action; callback_data 1–64 bytes. */
export function checkInlineKeyboard(markup: unknown, bad: (description: string) => never): void {
  if (markup === undefined || markup === null) return;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return;
  for (const row of rows) {
    if (!Array.isArray(row)) bad('inline keyboard rows must be arrays');
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button.text !== 'string' || !button.text.trim()) bad('text buttons are unallowed in the inline keyboard');
      const actions = ['callback_data', 'url', 'switch_inline_query', 'switch_inline_query_current_chat', 'web_app', 'login_url', 'pay', 'copy_text'].filter(
        (k) => button[k] !== undefined,
      );
      if (actions.length !== 1) bad('BUTTON_TYPE_INVALID');
      const data = button.callback_data;
      if (data !== undefined && (typeof data !== 'string' || !data || Buffer.byteLength(data) > 64)) bad('BUTTON_DATA_INVALID');
      if (button.url !== undefined && !/^(https?|tg):\/\//.test(String(button.url))) bad('BUTTON_URL_INVALID');
    }
  }
}
