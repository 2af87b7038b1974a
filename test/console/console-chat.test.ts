import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleReply, createConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import type { Core } from '../../src/core/core.js';
import { renderText } from '../../src/core/render/text.js';
import { realCore } from '../support/core.js';
import { runTranscript } from '../support/transcript.js';

let core: Core;
beforeAll(async () => {
  core = await realCore();
});
const say = (line: string) => {
  const reply = consoleReply(core, line);
  return reply ? renderText(reply) : '';
};

describe('console chat transcripts', () => {
  it('answers precisely with a source, and declines off-topic plainly', async () => {
    const problems = await runTranscript(
      `
      user> how much gas will russia send iran?
      bot~ 55 billion cubic meters
      bot~ Source:
      bot~ 24 Jan 2025
      user> what's the weather?
      bot~ I only answer questions about the Russia–Iran
      bot~ Natural gas partnership
      bot!~ 55 billion
      user> who signed it?
      bot~ Putin
      bot~ Pezeshkian
      user> how much does china trade with the usa
      bot~ China
      bot!~ 3.77
      `,
      say,
    );
    expect(problems).toEqual([]);
  });

  it('handles commands: /help, /topics, /topic, /card and unknown ones', async () => {
    const problems = await runTranscript(
      `
      user> /help
      bot~ What I can answer
      bot~ Bilateral trade (bilateral-trade)
      user> /topics
      bot~ Mir
      user> /topic instc
      bot~ Rasht
      user> /card gas
      bot~ Summary card
      bot~ 55 bcm
      user> /card nonsense
      bot~ There is no topic
      user> /frobnicate
      bot~ Unknown command /frobnicate
      `,
      say,
    );
    expect(problems).toEqual([]);
  });

  it('ignores blank lines', () => {
    expect(consoleReply(core, '   ')).toBeUndefined();
  });
});

describe('console adapter over streams', () => {
  it('answers each piped line and finishes at end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    const adapter = createConsoleAdapter({ core, input, output, interactive: false });
    await adapter.start();
    input.end('how much gas per year\n\nwhat is the capital of france\n');
    await adapter.done;
    expect(text).toContain('55 billion cubic meters');
    expect(text).toMatch(/I only answer questions about the Russia–Iran|France/);
    expect(text).not.toContain('> ');
  });

  it('greets and prompts a person at a terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    const adapter = createConsoleAdapter({ core, input, output, interactive: true });
    await adapter.start();
    input.end('/topic gas\n');
    await adapter.done;
    expect(text).toContain('Welcome');
    expect(text).toContain('> ');
    expect(text).toContain('Natural gas partnership');
  });
});
