import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * A copy of data/ without one topic, still valid: the topic's file removed, its id dropped from every other topic's
 * `related` list and from the areas of data/themes.yaml (an area left with fewer than two topics goes too). Questions
 * about it go unanswered there; `restore()` puts every file back as data/ has it: the data edit that answers them.
 */
export async function dataWithout(topic: string): Promise<{ dir: string; restore(): Promise<void>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `pb-data-without-${topic}-`));
  await cp('data', dir, { recursive: true });
  const originals = new Map<string, string>();
  const edit = async (file: string, change: (text: string) => string | undefined) => {
    const text = await readFile(file, 'utf8');
    const changed = change(text);
    originals.set(file, text);
    if (changed === undefined) await rm(file);
    else await writeFile(file, changed);
  };
  for (const name of await readdir(join(dir, 'topics'))) {
    const file = join(dir, 'topics', name);
    if (name === `${topic}.yaml`) await edit(file, () => undefined);
    else if (new RegExp(`^related: \\[[^\\]]*\\b${topic}\\b`, 'm').test(await readFile(file, 'utf8'))) {
      await edit(file, (text) =>
        text.replace(
          /^related: \[([^\]]*)\]/m,
          (_, items: string) =>
            `related: [${items
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== topic)
              .join(', ')}]`,
        ),
      );
    }
  }
  await edit(join(dir, 'themes.yaml'), (text) => {
    const themes = parse(text) as { themes: Array<{ topics: string[] }> };
    themes.themes = themes.themes.map((t) => ({ ...t, topics: t.topics.filter((id) => id !== topic) })).filter((t) => t.topics.length >= 2);
    return stringify(themes);
  });
  return {
    dir,
    async restore() {
      for (const [file, text] of originals) await writeFile(file, text);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
