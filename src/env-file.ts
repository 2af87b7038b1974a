import * as util from 'node:util';

type Parse = (text: string) => Record<string, string>;

const LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*(?:('[^']*'|"[^"]*"|`[^`]*`)[^\n]*|([^#\n]*)[^\n]*)$/gm;

/**
 * The `.env` format as Node reads it (`KEY=value`, `#` comments, optional `export`,
 * values in '…', "…" or `…` that may span lines, `\n` expanded in "…"), for Node
 * 20.11, which has no `util.parseEnv`. Tested to read what `util.parseEnv` reads.
 */
export function parseEnvFallback(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, key, quoted, plain = ''] of text.replace(/\r\n?/g, '\n').matchAll(LINE)) {
    if (quoted === undefined) out[key!] = plain.trim();
    else if (quoted[0] === '"') out[key!] = quoted.slice(1, -1).replace(/\\n/g, '\n');
    else out[key!] = quoted.slice(1, -1);
  }
  return out;
}

/** Node's own `.env` parser (`util.parseEnv`, Node 20.12 and later), or the same format read by `parseEnvFallback` on 20.11. */
export const parseEnvFile: Parse = (util as { parseEnv?: Parse }).parseEnv ?? parseEnvFallback;
