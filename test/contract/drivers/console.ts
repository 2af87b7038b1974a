import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.js';
import { testDeps } from '../../support/deps.js';
import { type DriverFactory, hasRtl, type Shown, type SurfaceDriver, type TestUser } from '../driver.js';

interface Session {
  input: PassThrough;
  blocks: string[];
  waiters: Array<(block: string) => void>;
  done: Promise<void>;
}

/**
 * The console through its real adapter over streams: one adapter per user (the
 * console is one person's terminal), lines in, blocks of text out. A "button"
 * is the command printed beside its label.
 */
export const consoleDriver: DriverFactory = async (options = {}) => {
  const deps = await testDeps({ ratePerMinute: options.ratePerMinute, unsure: options.unsure });
  const sessions = new Map<number, Session>();

  const open = async (user: TestUser): Promise<Session> => {
    const input = new PassThrough();
    const output = new PassThrough();
    const session: Session = { input, blocks: [], waiters: [], done: Promise.resolve() };
    let buffer = '';
    output.on('data', (chunk) => {
      buffer += String(chunk);
      // Each reply is one block ending in a blank line.
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const waiter = session.waiters.shift();
        if (waiter) waiter(block);
        else session.blocks.push(block);
      }
    });
    const adapter = createConsoleAdapter(deps, { input, output, interactive: false, moderator: user.moderator ?? false });
    await adapter.start();
    session.done = adapter.done;
    return session;
  };

  const session = async (user: TestUser) => {
    let s = sessions.get(user.id);
    if (!s) sessions.set(user.id, (s = await open(user)));
    return s;
  };

  const buttonsOf = (block: string): string[] => [
    ...[...block.matchAll(/(?:^|\n)• (.+?) \(\/[^)]+\)/g)].map((m) => m[1]!),
    ...[...(/\n[^\n•]+?: (.+ \(\/topic [^)]+\).*)$/m.exec(block)?.[1] ?? '').matchAll(/(?:^| · )(.+?) \(\/topic [^)]+\)/g)].map((m) => m[1]!),
    // The last line: "More: <topic> /topic id · 👍 /vote up · 👎 /vote down".
    ...[...block.matchAll(/(?:^|\n|· )(More: .+?) \/topic [\w-]+/g)].map((m) => m[1]!),
    ...[...block.matchAll(/(\S+) \/(?:vote (?:up|down)|topics)\b/g)].map((m) => m[1]!),
  ];
  const shownOf = (block: string): Shown => ({ text: block, buttons: buttonsOf(block), private: false, rtl: hasRtl(block) });

  const line = async (user: TestUser, text: string): Promise<Shown> => {
    const s = await session(user);
    const reply = new Promise<string>((resolve) => s.waiters.push(resolve));
    s.input.write(`${text.replace(/\n/g, ' ')}\n`);
    return shownOf(await reply);
  };

  const driver: SurfaceDriver = {
    name: 'console',
    ask: (user, text) => line(user, text),
    command: (user, name, args = {}) => {
      const positional = [args.topic, args.question, args.language, args.vote].filter((v) => typeof v === 'string');
      return line(user, `/${name}${positional.length ? ` ${positional.join(' ')}` : ''}`);
    },
    async press(user, shown, label) {
      const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const command = new RegExp(`(?:• |: | · )${escaped} \\((/[^)]+)\\)|${escaped} (/(?:vote (?:up|down)|topics|topic [\\w-]+))`).exec(shown.text);
      if (!command) throw new Error(`no "${label}" in: ${shown.text}`);
      return line(user, (command[1] ?? command[2])!);
    },
    async flood(user, text, count) {
      // A terminal of its own: every line is answered in order, the silent ones print nothing; end of input ends it.
      const s = await open(user);
      s.input.end(`${text}\n`.repeat(count));
      await s.done;
      return s.blocks.map(shownOf);
    },
    async stop() {
      for (const s of sessions.values()) s.input.end();
      await Promise.all([...sessions.values()].map((s) => s.done));
      await deps.close();
    },
  };
  return driver;
};
