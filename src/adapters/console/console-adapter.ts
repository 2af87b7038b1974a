import { createInterface } from 'node:readline';
import type { Core } from '../../core/core.js';
import { t } from '../../core/i18n/index.js';
import { renderText } from '../../core/render/text.js';
import type { Reply } from '../../core/reply.js';
import type { Adapter } from '../types.js';

export interface ConsoleOptions {
  core: Core;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and a greeting (a person at a terminal); off for piped input. */
  interactive: boolean;
}

/** The reply to one console line: a command (/help, /topics, /topic id, /card id) or a question. */
export function consoleReply(core: Core, line: string): Reply | undefined {
  const text = line.trim();
  if (!text) return undefined;
  const command = /^\/([a-z_]+)(?:\s+(.*))?$/i.exec(text);
  if (!command) return core.ask(text).reply;
  const [, name, arg = ''] = command;
  switch (name!.toLowerCase()) {
    case 'help':
    case 'start':
      return core.help('help');
    case 'topics':
      return core.help('topics');
    case 'topic':
      return core.topic(arg.trim());
    case 'card':
      return core.card(arg.trim());
    case 'ask':
      return core.ask(arg).reply;
    default:
      return { kind: 'notice', lang: 'en', level: 'error', text: t('en').unknownCommand(`/${name}`) };
  }
}

/** Console chat over any pair of streams: answers each line; ends at end of input (Ctrl-D). */
export function createConsoleAdapter(opts: ConsoleOptions): Adapter & { done: Promise<void> } {
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let rl: ReturnType<typeof createInterface> | undefined;
  const write = (s: string) => opts.output.write(`${s}\n`);

  return {
    name: 'console',
    done,
    async start() {
      rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive });
      if (opts.interactive) {
        write(`${renderText(opts.core.help('welcome'))}\n\n${t('en').consoleHint}`);
        rl.setPrompt('> ');
        rl.prompt();
      }
      rl.on('line', (line) => {
        const reply = consoleReply(opts.core, line);
        if (reply) write(`${renderText(reply)}\n`);
        if (opts.interactive) rl?.prompt();
      });
      rl.on('close', () => resolveDone());
    },
    async stop() {
      rl?.close();
      await done;
    },
  };
}
