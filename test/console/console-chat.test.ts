import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleConversation, consoleRequest, createConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import { renderText } from '../../src/adapters/kit/plain-text.js';
import type { AdapterDeps } from '../../src/adapters/types.js';
import type { Conversation } from '../../src/core/conversation/conversation.js';
import { testDeps } from '../support/deps.js';
import { runTranscript } from '../support/transcript.js';

let deps: AdapterDeps;
let chat: Conversation;
beforeAll(async () => {
  deps = await testDeps();
  chat = consoleConversation(deps);
});
const say = async (line: string) => {
  const reply = await chat.handle(consoleRequest(line));
  return reply ? renderText(reply, { actions: true }) : '';
};

describe('console chat transcripts', () => {
  it('answers precisely with a source, shows what to type next, and declines off-topic plainly', async () => {
    const problems = await runTranscript(
      `
      user> how much gas will russia send iran?
      bot~ 55 billion cubic meters
      bot~ Source:
      bot~ 24 Jan 2025
      bot~ (/topic nuclear)
      bot~ 👍 /vote up
      user> what's a good pancake recipe?
      bot~ I only answer questions about the Russia–Iran
      bot~ Topics /topics
      bot!~ 55 billion
      user> who signed it?
      bot~ Putin
      bot~ Pezeshkian
      user> how much does china trade with the usa
      bot~ United States
      bot!~ 3.77
      `,
      say,
    );
    expect(problems).toEqual([]);
  });

  it('handles commands: /help, /topics, /topic, /card (the overview too), /vote and unknown ones', async () => {
    const problems = await runTranscript(
      `
      user> /help
      bot~ What I can answer
      bot~ Bilateral trade (/topic bilateral-trade)
      bot~ /topic <id>
      user> /topics
      bot~ Mir
      user> /topic instc
      bot~ Rasht
      user> /card gas
      bot~ Summary card
      bot~ 55 bcm
      user> /card overview fa
      bot~ کارت خلاصه
      user> /card overview xx
      bot~ Tell me which card to post
      user> /card nonsense
      bot~ There is no topic
      user> /vote up
      bot~ Thanks for your feedback
      user> /vote sideways
      bot~ /vote up or /vote down
      user> /frobnicate
      bot~ Unknown command /frobnicate
      `,
      say,
    );
    expect(problems).toEqual([]);
  });

  it('rates only an answer that was given', async () => {
    const fresh = consoleConversation(deps);
    const reply = await fresh.handle({ ...consoleRequest('/vote up'), conversation: 'fresh-console' });
    expect(reply && renderText(reply)).toContain('There is no answer to rate yet');
  });
});

describe('console adapter over streams', () => {
  it('answers each piped line in order and finishes at end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    const adapter = createConsoleAdapter(deps, { input, output, interactive: false });
    await adapter.start();
    input.end('how much gas per year\n\nwhat is the capital of france\n/topic treaty\n');
    await adapter.done;
    const gas = text.indexOf('55 billion cubic meters');
    const france = text.indexOf('France');
    const treaty = text.indexOf('Signing of the agreement');
    expect(gas).toBeGreaterThanOrEqual(0);
    expect(france).toBeGreaterThan(gas);
    expect(treaty).toBeGreaterThan(france);
    expect(text).not.toContain('> ');
  });

  it('greets and prompts a person at a terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    const adapter = createConsoleAdapter(deps, { input, output, interactive: true });
    await adapter.start();
    input.end('/topic gas\n');
    await adapter.done;
    expect(text).toContain('Welcome');
    expect(text).toContain('> ');
    expect(text).toContain('Natural gas partnership');
  });
});
