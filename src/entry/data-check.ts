import { formatIssue } from '../core/data/load.js';
import { lintKnowledgeBase } from '../core/data/lint.js';
import { LANGS, type Lang } from '../core/data/schema.js';
import { settingsOrExit } from '../boot/settings.js';
import { loadOrExit } from '../boot/load-or-exit.js';

/** `npm run data:check`: validates and lints data/; exits 1 listing file, path and reason for each problem. */
const { config } = settingsOrExit();
const kb = await loadOrExit(config.DATA_DIR);
const issues = lintKnowledgeBase(kb);
if (issues.length) {
  process.stderr.write(`${issues.length} problem(s) in ${config.DATA_DIR}:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
  process.exit(1);
}
const per = (count: (lang: Lang) => number) => LANGS.map((l) => `${l} ${count(l)}`).join(', ');
const examples = per((l) => kb.topics.reduce((n, t) => n + t.examples[l].length, 0));
const heldout = per((l) => kb.topics.reduce((n, t) => n + t.heldout[l].length, 0));
const offtopic = per((l) => kb.offtopic.examples[l].length);
process.stdout.write(
  `data OK: ${kb.topics.length} topics (version ${kb.version})\n  example questions: ${examples}\n  held-out questions: ${heldout}\n  off-topic examples: ${offtopic}\n`,
);
