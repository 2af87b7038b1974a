import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, loadKnowledgeBase } from '../../src/core/data/load.js';
import { lintKnowledgeBase } from '../../src/core/data/lint.js';

const dirs: string[] = [];
async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-data-'));
  dirs.push(dir);
  await cp('data', dir, { recursive: true });
  return dir;
}
async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}
async function issuesOf(dir: string) {
  try {
    await loadKnowledgeBase(dir);
  } catch (err) {
    if (err instanceof DataError) return err.issues;
    throw err;
  }
  throw new Error('expected the data to be rejected');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loading data/', () => {
  it('loads the real data and versions it by content', async () => {
    const kb = await loadKnowledgeBase('data');
    expect(kb.topics.length).toBeGreaterThanOrEqual(18);
    expect(kb.version).toMatch(/^[0-9a-f]{12}$/);
    const dir = await copyOfData();
    expect((await loadKnowledgeBase(dir)).version).toBe(kb.version);
    await edit(join(dir, 'topics/gas.yaml'), (s) => s.replace('up to 55 bcm a year', 'up to 55 bcm annually'));
    expect((await loadKnowledgeBase(dir)).version).not.toBe(kb.version);
  });

  it('names the file, the field path and the reason for a schema error', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'topics/gas.yaml'), (s) => s.replace(/asks: \[how_much\]/, 'asks: [how_many]'));
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/topics\/gas\.yaml$/), path: 'facts[0].asks[0]' }));
    expect(issues[0]!.message).toMatch(/how_much/);
  });

  it('reports a missing required field and an unknown field', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'topics/nuclear.yaml'), (s) =>
      s.replace(/^short:\n {2}en: .*\n( {2}(ru|fa): .*\n)*/m, '').replace(/^id: nuclear$/m, 'id: nuclear\ncolour: red'),
    );
    const issues = await issuesOf(dir);
    const paths = issues.map((i) => `${i.file.replace(/.*\/topics\//, '')} ${i.path}`);
    expect(paths).toContain('nuclear.yaml short');
    expect(issues.find((i) => /colour/.test(i.message))).toBeDefined();
  });

  it('rejects a missing translation, naming the file and the field', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'topics/nuclear.yaml'), (s) => s.replace(/^(title:\n {2}en: .*\n) {2}ru: .*\n/m, '$1'));
    await edit(join(dir, 'topics/gas.yaml'), (s) => s.replace(/^(heldout:\n(?: {2}en:\n(?: {4}- .*\n)+)) {2}ru:\n(?: {4}- .*\n)+/m, '$1'));
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/nuclear\.yaml$/), path: 'title.ru' }));
    expect(issues).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/gas\.yaml$/), path: 'heldout.ru' }));
  });

  it('reports YAML syntax errors with the line', async () => {
    const dir = await copyOfData();
    await writeFile(join(dir, 'topics/gas.yaml'), 'id: gas\ntitle: [unclosed\n');
    const issues = await issuesOf(dir);
    expect(issues[0]).toMatchObject({ file: expect.stringMatching(/gas\.yaml$/), path: expect.stringMatching(/^line \d+/) });
    expect(issues[0]!.message).toMatch(/not valid YAML/);
  });

  it('rejects related ids that do not exist and ids that do not match the file name', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'topics/gas.yaml'), (s) => s.replace(/^related: \[/m, 'related: [no-such-topic, '));
    await edit(join(dir, 'topics/nuclear.yaml'), (s) => s.replace(/^id: nuclear$/m, 'id: atom'));
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual(expect.objectContaining({ path: 'related[0]', message: expect.stringMatching(/no-such-topic/) }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'id', message: expect.stringMatching(/nuclear/) }));
  });

  it('rejects an area (themes.yaml) that lists an unknown topic or repeats an id, naming the file and the path', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'themes.yaml'), (s) =>
      s.replace('topics: [local-currencies, mir-shetab]', 'topics: [local-currencies, crypto]').replace('- id: energy', '- id: finance'),
    );
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual(
      expect.objectContaining({ file: expect.stringMatching(/themes\.yaml$/), path: 'themes[2].topics[1]', message: expect.stringMatching(/crypto/) }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: 'themes[3].id', message: expect.stringMatching(/duplicate theme id "finance"/) }));
  });

  it('rejects an owner or a place of an entity that is no entity, naming entities.yaml and the field', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'entities.yaml'), (s) => s.replace('    of: iran\n    in: iran\n', '    of: persia\n    in: atlantis\n'));
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/entities\.yaml$/),
        path: expect.stringMatching(/^entities\[\d+\]\.of$/),
        message: expect.stringMatching(/persia/),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/^entities\[\d+\]\.in$/), message: expect.stringMatching(/atlantis/) }),
    );
  });

  it('rejects a topic whose source is not in sources.yaml', async () => {
    const dir = await copyOfData();
    await edit(join(dir, 'topics/gas.yaml'), (s) => s.replace(/source: \{ id: [a-z0-9-]+/, 'source: { id: some-blog'));
    expect(await issuesOf(dir)).toContainEqual(expect.objectContaining({ path: 'source.id', message: expect.stringMatching(/some-blog/) }));
  });
});

describe('data lint', () => {
  it('passes on the real data', async () => {
    expect(lintKnowledgeBase(await loadKnowledgeBase('data'))).toEqual([]);
  });

  it('finds a question under two topics, a trained held-out question and too few examples', async () => {
    const kb = await loadKnowledgeBase('data');
    const gas = kb.topics.find((t) => t.id === 'gas')!;
    const nuclear = kb.topics.find((t) => t.id === 'nuclear')!;
    nuclear.examples.en.push(gas.examples.en[0]!.toUpperCase());
    gas.heldout.en.push(gas.examples.en[1]!);
    gas.examples.en.splice(5);
    const messages = lintKnowledgeBase(kb).map((i) => `${i.file} ${i.path}: ${i.message}`);
    expect(messages.some((m) => /nuclear\.yaml examples\.en\[\d+\]: also appears under topic gas/.test(m))).toBe(true);
    expect(messages.some((m) => /gas\.yaml heldout\.en\[\d+\]: is also an example/.test(m))).toBe(true);
    expect(messages.some((m) => /gas\.yaml examples\.en: has 5 questions/.test(m))).toBe(true);
  });
});
