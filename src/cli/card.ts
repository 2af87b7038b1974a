import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCardRenderer } from '../cards/index.js';
import { cardSvg } from '../cards/render-png.js';
import { cardChart } from '../core/card-chart.js';
import { LANGS, type Lang } from '../core/data/schema.js';
import { configOrExit } from './config-or-exit.js';
import { loadOrExit } from './load-or-exit.js';

/**
 * Renders one summary card so curators can look before posting:
 * `npm run -s card -- <topic|overview> [--lang en|ru|fa] [--out card.png]`.
 * Prints the written file's path. An --out ending in .svg writes the SVG.
 */
const USAGE = 'usage: npm run -s card -- <topic|overview> [--lang en|ru|fa] [--out card.png]\n';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { lang: { type: 'string', default: 'en' }, out: { type: 'string' } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
const [id, ...extra] = positionals;
if (!id || extra.length > 0) fail(USAGE.trimEnd(), 2);
const lang = values.lang as Lang;
if (!LANGS.includes(lang)) fail(`Unknown language "${values.lang}". Use one of: ${LANGS.join(', ')}.`, 2);

const config = configOrExit(process.env);
const kb = await loadOrExit(config.DATA_DIR);
const cards = createCardRenderer({ kb });
const reply = cards.reply(id, lang);
if (reply.kind !== 'card') fail(`Unknown card "${id}". Valid ids: ${cards.ids().join(', ')}.`, 1);

const out = resolve(values.out ?? `card-${id}-${lang}.png`);
const body = out.toLowerCase().endsWith('.svg') ? cardSvg(reply, cardChart(kb, reply.topicId, lang)) : await cards.png(reply);
await writeFile(out, body);
process.stdout.write(`${out}\n`);
