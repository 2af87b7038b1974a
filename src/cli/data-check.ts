import { formatIssue } from '../core/data/load.js';
import { lintKnowledgeBase } from '../core/data/lint.js';
import { configOrExit } from './config-or-exit.js';
import { loadOrExit } from './load-or-exit.js';

/** `npm run data:check`: validates and lints data/; exits 1 listing file, path and reason for each problem. */
const config = configOrExit(process.env);
const kb = await loadOrExit(config.DATA_DIR);
const issues = lintKnowledgeBase(kb);
if (issues.length) {
  process.stderr.write(`${issues.length} problem(s) in ${config.DATA_DIR}:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
  process.exit(1);
}
const examples = kb.topics.reduce((n, t) => n + t.examples.en.length, 0);
const heldout = kb.topics.reduce((n, t) => n + t.heldout.en.length, 0);
process.stdout.write(`data OK: ${kb.topics.length} topics, ${examples} example and ${heldout} held-out questions, ${kb.offtopic.examples.en.length} off-topic examples (version ${kb.version})\n`);
