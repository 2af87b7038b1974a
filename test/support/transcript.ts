/**
 * Conversation tests as transcripts:
 *
 *   user> how much gas will russia send iran?
 *   bot~ 55 billion cubic meters        (the reply contains this text)
 *   bot!~ Russia and Iran                (the reply does not contain it)
 *
 * `run` feeds each user line to the bot and checks the reply lines after it.
 */
export interface Turn {
  user: string;
  expect: { contains: boolean; text: string }[];
}

export function parseTranscript(source: string): Turn[] {
  const turns: Turn[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const user = /^user> ?(.*)$/.exec(line);
    if (user) {
      turns.push({ user: user[1]!, expect: [] });
      continue;
    }
    const bot = /^bot(!?)~ ?(.*)$/.exec(line);
    if (!bot || !turns.length) throw new Error(`bad transcript line: ${line}`);
    turns.at(-1)!.expect.push({ contains: bot[1] !== '!', text: bot[2]! });
  }
  return turns;
}

/** Runs a transcript against `reply`; returns the problems found (empty when it passes). */
export async function runTranscript(source: string, reply: (user: string) => Promise<string> | string): Promise<string[]> {
  const problems: string[] = [];
  for (const turn of parseTranscript(source)) {
    const answer = await reply(turn.user);
    for (const e of turn.expect) {
      if (answer.toLowerCase().includes(e.text.toLowerCase()) !== e.contains) {
        problems.push(`user> ${turn.user}\n  expected the reply ${e.contains ? 'to contain' : 'not to contain'} "${e.text}"\n  got: ${answer.slice(0, 400)}`);
      }
    }
  }
  return problems;
}
