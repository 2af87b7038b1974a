import { createInterface } from 'node:readline';
import { consoleConversation, consoleRequest } from '../adapters/console/console-adapter.js';
import { renderText } from '../adapters/kit/plain-text.js';
import { boot } from '../boot/boot.js';
import type { MatchResult } from '../core/match/matcher.js';

/**
 * Batch CLI. `ask "question"` prints the plain-text reply.
 * `ask --jsonl` reads one input per stdin line and writes exactly one JSON
 * object per line: {question, answered, topic, confidence, text}. A line is a
 * question, or a JSON object {"question": "...", "chat": "id"}: lines with the
 * same chat id are one conversation (follow-ups), in order; plain lines are
 * each a conversation of their own. Nothing else goes to stdout (logs go to stderr).
 */
const args = process.argv.slice(2);
const booted = await boot({ curator: 'none' });
const conversation = consoleConversation({ ...booted.deps, limiter: { take: () => 'ok' } });
let lastMatch: MatchResult | undefined;
booted.core.onAsk(({ result }) => {
  lastMatch = result.match;
});
const confidenceOf = () => lastMatch?.confidence ?? 0;

let line = 0;
async function answer(input: string) {
  line += 1;
  let question = input;
  let chat = `line-${line}`;
  if (input.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(input) as { question?: unknown; chat?: unknown };
      if (typeof parsed.question === 'string') question = parsed.question;
      if (typeof parsed.chat === 'string' || typeof parsed.chat === 'number') chat = `chat-${parsed.chat}`;
    } catch {
      // Not JSON after all: the line is the question.
    }
  }
  lastMatch = undefined;
  const reply = await conversation.handle({ ...consoleRequest(question), conversation: chat });
  // An answer that says the source lacks what was asked (or predates it) is a decline with context.
  const answered = reply?.kind === 'answer' ? reply.grounding === 'answered' : reply?.kind === 'help' || reply?.kind === 'card';
  return {
    question,
    answered,
    topic: reply?.kind === 'answer' ? reply.topicId : null,
    confidence: Number(confidenceOf().toFixed(4)),
    text: reply ? renderText(reply) : '',
  };
}

if (args.includes('--jsonl')) {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const input of rl) process.stdout.write(`${JSON.stringify(await answer(input))}\n`);
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (!question.trim()) {
    process.stderr.write('usage: npm run -s ask -- "your question"   or   npm run -s ask -- --jsonl < questions.txt\n');
    process.exit(2);
  }
  process.stdout.write(`${(await answer(question)).text}\n`);
}
