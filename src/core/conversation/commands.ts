import type { Args, Command } from './command.js';
import { ask } from './features/ask.js';
import { card } from './features/card.js';
import { help, start } from './features/help.js';
import { reload } from './features/reload.js';
import { topic } from './features/topic.js';
import { topics } from './features/topics.js';
import { unanswered } from './features/unanswered.js';
import { vote } from './features/vote.js';
import { t } from '../i18n/index.js';
import type { Surface } from './request.js';

/** Every command, in menu order. Each surface lists and registers them from here. */
export const COMMANDS: readonly Command[] = [start, help, topics, topic, ask, card, vote, reload, unanswered];

const byName = new Map(COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => [n, c] as const)));

/** The command a name or alias stands for (case-insensitive). */
export function findCommand(name: string): Command | undefined {
  return byName.get(name.toLowerCase());
}

/** The commands a surface lists in its menus (Discord: registers). */
export function listedCommands(surface: Surface): Command[] {
  return COMMANDS.filter((c) => !c.listed || c.listed.includes(surface));
}

/** The key of an argument in `Input.args`: its English name. */
export const argKey = (name: Command['args'][number]['name']): string => t('en')[name];

/**
 * Arguments typed after a command ("/card gas fa"): positional arguments in
 * order, separated by spaces; the last one, when it is text, takes the rest of
 * the line. Words beyond the positional arguments go to `extra`, so a command
 * can refuse them.
 */
export function argsFromText(command: Command, text: string): Args & { extra?: string } {
  const positional = command.args.filter((a) => a.positional);
  const args: Record<string, string> = {};
  let rest = text.trim();
  for (const [i, arg] of positional.entries()) {
    if (!rest) break;
    const last = i === positional.length - 1;
    if (last && arg.kind === 'text') {
      args[argKey(arg.name)] = arg.maxLength ? rest.slice(0, Math.max(arg.maxLength, 4096)) : rest;
      rest = '';
      break;
    }
    const [word = '', ...others] = rest.split(/\s+/);
    args[argKey(arg.name)] = word;
    rest = others.join(' ');
  }
  return rest ? { ...args, extra: rest } : args;
}
