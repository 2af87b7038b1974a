import { createInterface } from 'node:readline';
import { type Conversation, createConversation } from '../../core/conversation/conversation.js';
import type { Request } from '../../core/conversation/request.js';
import type { Adapter, AdapterDeps } from '../types.js';
import { renderText } from '../kit/plain-text.js';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and a greeting (a person at a terminal); off for piped input. */
  interactive: boolean;
  /** Whether the person at the console may run moderator commands (default: yes, it is the operator's own terminal). */
  moderator?: boolean;
}

const COMMAND = /^\/([a-z_]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/i;

/** A console line as a request: "/name rest" is a command, anything else a question. */
export function consoleRequest(line: string, moderator = true): Request {
  const command = COMMAND.exec(line.trim());
  return {
    surface: 'console',
    conversation: 'console',
    user: moderator ? 'console-operator' : 'console-user',
    capabilities: { buttons: false, publish: false },
    input: command ? { kind: 'command', name: command[1]!.toLowerCase(), args: {}, text: command[2] ?? '' } : { kind: 'question', text: line },
  };
}

/** The conversation of the console: the operator's own terminal, where nothing can be posted. */
export function consoleConversation(deps: AdapterDeps, moderator = true): Conversation {
  return createConversation({
    core: deps.core.forPlatform('console'),
    limiter: deps.limiter,
    contexts: deps.contexts,
    claims: deps.claims,
    log: deps.logger,
    ...(deps.curator ? { curator: deps.curator } : {}),
    // The operator's own terminal: the whole inbox.
    permissions: { check: async () => (moderator ? true : 'not-moderator'), inbox: async () => (moderator ? { all: true } : 'not-moderator') },
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  });
}

/**
 * Console chat over any pair of streams, like Hubot's shell adapter: each line
 * is a question or a command; actions are shown as the commands that do them.
 * Ends at end of input (Ctrl-D).
 */
export function createConsoleAdapter(deps: AdapterDeps, opts: ConsoleOptions): Adapter & { done: Promise<void> } {
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let rl: ReturnType<typeof createInterface> | undefined;
  let ended = false;
  const moderator = opts.moderator ?? true;
  const conversation = consoleConversation(deps, moderator);
  const write = (s: string) => opts.output.write(`${s}\n`);
  // Lines are answered one at a time, in order, however fast they are piped in.
  let queue = Promise.resolve();

  const answer = async (line: string) => {
    if (!line.trim()) return;
    try {
      const reply = await conversation.handle(consoleRequest(line, moderator));
      if (reply) write(`${renderText(reply, { actions: true })}\n`);
    } catch (err) {
      deps.logger.error({ err, surface: 'console' }, 'console request failed');
      write('Sorry, something went wrong. Please try again.\n');
    }
  };

  return {
    name: 'console',
    done,
    async start() {
      rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive });
      if (opts.interactive) {
        const welcome = await conversation.handle(consoleRequest('/start', moderator));
        if (welcome) write(`${renderText(welcome, { actions: false })}\n`);
        rl.setPrompt('> ');
        rl.prompt();
      }
      rl.on('line', (line) => {
        queue = queue
          .then(() => answer(line))
          .then(() => {
            if (opts.interactive) rl?.prompt();
          });
      });
      rl.on('close', () => {
        ended = true;
        void queue.then(() => resolveDone());
      });
    },
    readiness: () => (ended ? 'input ended' : rl ? true : 'not started'),
    async stop() {
      rl?.close();
      await done;
    },
  };
}
