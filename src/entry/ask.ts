import { createInterface } from 'node:readline';
import { consoleConversation, consoleRequest } from '../adapters/console/console-adapter.js';
import { renderText } from '../adapters/console/render.js';
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
const booted = await boot(process.env, { curator: 'none' });
const conversation = consoleConversation({ ...booted.deps, limiter: { take: () => 'ok' } });
let match: MatchResult | undefined;
booted.core.onAsk(({ result }) => (match = result.match));

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
  match = undefined;
  const reply = await conversation.handle({ ...consoleRequest(question), conversation: chat });
  const answered = reply?.kind === 'answer' || reply?.kind === 'help';
  return {
    question,
    answered,
    topic: reply?.kind === 'answer' ? reply.topicId : null,
    // Set by the onAsk observer during handle (control flow analysis cannot see that).
    confidence: Number(((match as MatchResult | undefined)?.confidence ?? 0).toFixed(4)),
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
