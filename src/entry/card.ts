import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cardSvg, renderCardPng } from '../cards/index.js';
import { LANGS, type Lang } from '../core/data/schema.js';
import { cardIds, summaryCard } from '../core/summary-card.js';
import { settingsOrExit } from '../boot/settings.js';
import { loadOrExit } from '../boot/load-or-exit.js';

/**
 * Renders one summary card so curators can look before posting:
 * `npm run -s card -- <topic|overview> [--lang en|ru|fa] [--out card.png]`.
 * Prints the written file's path. An --out ending in .svg writes the SVG. Without
 * --out the file goes to a folder in the system's temporary directory, never into
 * the working tree.
 */
const USAGE = 'usage: npm run -s card -- <topic|overview> [--lang en|ru|fa] [--out card.png]\n';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const parseOptions = () => parseArgs({ allowPositionals: true, options: { lang: { type: 'string', default: 'en' }, out: { type: 'string' } } });
let parsed: ReturnType<typeof parseOptions>;
try {
  parsed = parseOptions();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
const [id, ...extra] = positionals;
if (!id || extra.length > 0) fail(USAGE.trimEnd(), 2);
const lang = values.lang as Lang;
if (!LANGS.includes(lang)) fail(`Unknown language "${values.lang}". Use one of: ${LANGS.join(', ')}.`, 2);

const { config } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const reply = summaryCard(kb, id, lang);
if (!reply) fail(`Unknown card "${id}". Valid ids: ${cardIds(kb).join(', ')}.`, 1);

const out = resolve(values.out ?? join(tmpdir(), 'partnership-bot-cards', `card-${id}-${lang}.png`));
const body = out.toLowerCase().endsWith('.svg') ? cardSvg(reply) : await renderCardPng(reply);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, body);
process.stdout.write(`${out}\n`);
