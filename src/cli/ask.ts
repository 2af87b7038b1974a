import { createInterface } from 'node:readline';
import { configOrExit } from './config-or-exit.js';
import { createCore } from '../core/core.js';
import { renderText } from '../core/render/text.js';
import { loadOrExit } from './load-or-exit.js';

/**
 * Batch CLI. `ask "question"` prints the plain-text reply.
 * `ask --jsonl` reads one question per stdin line and writes exactly one JSON
 * object per line: {question, answered, topic, confidence, text}. Nothing else
 * goes to stdout (logs go to stderr).
 */
const args = process.argv.slice(2);
const config = configOrExit(process.env);
const core = createCore(await loadOrExit(config.DATA_DIR));

function answer(question: string) {
  const { reply, match } = core.ask(question);
  const answered = reply.kind === 'answer' || reply.kind === 'help';
  return {
    question,
    answered,
    topic: reply.kind === 'answer' ? reply.topicId : null,
    confidence: Number(match.confidence.toFixed(4)),
    text: renderText(reply),
  };
}

if (args.includes('--jsonl')) {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) process.stdout.write(`${JSON.stringify(answer(line))}\n`);
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (!question.trim()) {
    process.stderr.write('usage: npm run -s ask -- "your question"   or   npm run -s ask -- --jsonl < questions.txt\n');
    process.exit(2);
  }
  process.stdout.write(`${answer(question).text}\n`);
}
