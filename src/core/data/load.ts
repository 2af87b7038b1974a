import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_DATA_LIMITS, type DataLimits } from './limits.js';
import { readDataFile } from './read-file.js';
import { parseBoundedYaml } from './yaml.js';
import { EntitiesFile, type KnowledgeBase, HelpFile, OfftopicFile, PlacesFile, SourcesFile, SynonymsFile, ThemesFile, Topic } from './schema.js';

/** One problem in one data file: the file, the field path inside it and the reason. */
export interface DataIssue {
  file: string;
  path: string;
  message: string;
}

/** Thrown when the data cannot be used; `issues` lists every problem found. */
export class DataError extends Error {
  constructor(readonly issues: DataIssue[]) {
    super(`invalid data:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DataError';
  }
}

export function formatIssue(issue: DataIssue): string {
  return `${issue.file}: ${issue.path || '(file)'}: ${issue.message}`;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, issues: DataIssue[]): z.infer<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ file, path: pathOf(issue.path), message: issue.message });
  return undefined;
}

/** Text compared for quotes: case, quote marks, dashes and white space do not matter. */
export function quoteKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A source text's paragraphs, numbered as topics cite them: blocks separated by blank lines, the first block (the page header) being 0. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface LoadOptions {
  /** Size limits, checked before anything is parsed (default DEFAULT_DATA_LIMITS). */
  limits?: DataLimits;
  /** Told each file (as reports show it) before it is read and before it is parsed: a build that dies can say where. */
  onFile?: (file: string) => void;
}

/**
 * Reads and validates every file under `dir` (topics/*.yaml, sources.yaml,
 * synonyms.yaml, offtopic.yaml, help.yaml, places.yaml, entities.yaml), and
 * checks every claim's quote against its source's text. Only regular files
 * within the size limits are read, and all of them are read (and their sizes
 * checked) before any is parsed. Throws a DataError naming each file, field
 * path and reason; never returns partial data.
 */
export async function loadKnowledgeBase(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const limits = options.limits ?? DEFAULT_DATA_LIMITS;
  const issues: DataIssue[] = [];
  const hash = createHash('sha256');
  const shown = (f: string) => relative(process.cwd(), f) || f;
  let used = 0;
  const read = async (file: string): Promise<string | undefined> => {
    options.onFile?.(shown(file));
    const result = await readDataFile(file, limits, used);
    if (!result.ok) {
      issues.push({ file: shown(file), path: '', message: result.message });
      return undefined;
    }
    used += result.bytes;
    return result.text;
  };

  const topicDir = join(dir, 'topics');
  let names: string[] = [];
  try {
    names = (await readdir(topicDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    issues.push({ file: shown(topicDir), path: '', message: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
  }
  if (names.length > limits.maxTopicFiles) {
    issues.push({ file: shown(topicDir), path: '', message: `holds ${names.length} topic files, more than the limit of ${limits.maxTopicFiles}; none read` });
    names = [];
  }
  const FIXED = ['sources.yaml', 'synonyms.yaml', 'offtopic.yaml', 'places.yaml', 'help.yaml', 'entities.yaml', 'themes.yaml'];
  const texts = new Map<string, string | undefined>();
  for (const name of [...FIXED, ...names.map((n) => join('topics', n))]) texts.set(name, await read(join(dir, name)));

  const load = <S extends z.ZodType>(name: string, schema: S) => {
    const file = join(dir, name);
    const text = texts.get(name);
    if (text === undefined) return undefined;
    options.onFile?.(shown(file));
    const parsed = parseBoundedYaml(text, limits.maxFileBytes);
    if (!parsed.ok) {
      issues.push({ file: shown(file), path: parsed.path, message: parsed.message });
      return undefined;
    }
    hash.update(name).update(JSON.stringify(parsed.value ?? null));
    return validate(schema, parsed.value, shown(file), issues);
  };

  const sources = load('sources.yaml', SourcesFile);
  const synonyms = load('synonyms.yaml', SynonymsFile);
  const offtopic = load('offtopic.yaml', OfftopicFile);
  const places = load('places.yaml', PlacesFile);
  const help = load('help.yaml', HelpFile);
  const entities = load('entities.yaml', EntitiesFile);
  const themes = load('themes.yaml', ThemesFile);
  if (names.length === 0 && issues.length === 0) issues.push({ file: shown(topicDir), path: '', message: 'no topic files (*.yaml)' });

  const topics: Topic[] = [];
  for (const name of names) {
    const topic = load(join('topics', name), Topic);
    if (!topic) continue;
    const expected = name.replace(/\.ya?ml$/, '');
    if (topic.id !== expected) {
      issues.push({ file: shown(join(topicDir, name)), path: 'id', message: `must match the file name ("${expected}")` });
    }
    topics.push(topic);
  }

  if (sources && topics.length) {
    const known = new Set(sources.sources.map((s) => s.id));
    topics.forEach((t) => {
      if (!known.has(t.source.id)) {
        issues.push({ file: shown(join(topicDir, `${t.id}.yaml`)), path: 'source.id', message: `unknown source "${t.source.id}" (not in sources.yaml)` });
      }
    });
  }
  const seen = new Map<string, string>();
  for (const t of topics) {
    const other = seen.get(t.id);
    if (other) issues.push({ file: shown(join(topicDir, `${t.id}.yaml`)), path: 'id', message: `duplicate topic id (also in ${other})` });
    seen.set(t.id, t.id);
    t.related.forEach((r, i) => {
      if (!topics.some((x) => x.id === r)) {
        issues.push({ file: shown(join(topicDir, `${t.id}.yaml`)), path: `related[${i}]`, message: `unknown topic id "${r}"` });
      }
    });
  }

  if (themes) {
    const file = shown(join(dir, 'themes.yaml'));
    const ids = new Set<string>();
    themes.themes.forEach((theme, i) => {
      if (ids.has(theme.id)) issues.push({ file, path: `themes[${i}].id`, message: `duplicate theme id "${theme.id}"` });
      ids.add(theme.id);
      theme.topics.forEach((id, j) => {
        if (!seen.has(id)) issues.push({ file, path: `themes[${i}].topics[${j}]`, message: `unknown topic id "${id}"` });
      });
    });
  }

  if (entities) {
    const known = new Set<string>();
    entities.entities.forEach((e, i) => {
      if (known.has(e.id)) issues.push({ file: shown(join(dir, 'entities.yaml')), path: `entities[${i}].id`, message: `duplicate entity id "${e.id}"` });
      known.add(e.id);
    });
    entities.entities.forEach((e, i) => {
      if (e.standsFor && !known.has(e.standsFor))
        issues.push({ file: shown(join(dir, 'entities.yaml')), path: `entities[${i}].standsFor`, message: `unknown entity "${e.standsFor}"` });
      if (e.of && !known.has(e.of)) issues.push({ file: shown(join(dir, 'entities.yaml')), path: `entities[${i}].of`, message: `unknown entity "${e.of}"` });
      if (e.in && !known.has(e.in)) issues.push({ file: shown(join(dir, 'entities.yaml')), path: `entities[${i}].in`, message: `unknown entity "${e.in}"` });
      const names = new Set([...e.names.en, ...e.names.ru, ...e.names.fa]);
      e.everyday.forEach((name, j) => {
        if (!names.has(name))
          issues.push({
            file: shown(join(dir, 'entities.yaml')),
            path: `entities[${i}].everyday[${j}]`,
            message: `"${name}" is not one of the entity's names`,
          });
      });
    });
    for (const t of topics) {
      t.claims.forEach((c, i) => {
        for (const field of ['entities', 'against'] as const) {
          c[field].forEach((id, j) => {
            if (!known.has(id))
              issues.push({
                file: shown(join(topicDir, `${t.id}.yaml`)),
                path: `claims[${i}].${field}[${j}]`,
                message: `unknown entity "${id}" (not in entities.yaml)`,
              });
          });
        }
      });
    }
  }
  const sourceTexts = new Map<string, string[]>();
  if (sources) {
    for (const [i, s] of sources.sources.entries()) {
      if (!s.file) continue;
      const file = join(dir, s.file);
      options.onFile?.(shown(file));
      const result = await readDataFile(file, limits, used);
      if (!result.ok) {
        issues.push({ file: shown(join(dir, 'sources.yaml')), path: `sources[${i}].file`, message: `${s.file} ${result.message}` });
        continue;
      }
      used += result.bytes;
      sourceTexts.set(s.id, paragraphsOf(result.text));
      hash.update(s.id).update(sourceTexts.get(s.id)!.join('\n'));
    }
    const known = new Set(sources.sources.map((s) => s.id));
    for (const t of topics) {
      const claimIds = new Set<string>();
      t.claims.forEach((c, i) => {
        const file = shown(join(topicDir, `${t.id}.yaml`));
        if (claimIds.has(c.id)) issues.push({ file, path: `claims[${i}].id`, message: `duplicate claim id "${c.id}"` });
        claimIds.add(c.id);
        const sourceId = c.source ?? t.source.id;
        if (!known.has(sourceId)) {
          issues.push({ file, path: `claims[${i}].source`, message: `unknown source "${sourceId}" (not in sources.yaml)` });
          return;
        }
        const paragraphs = sourceTexts.get(sourceId);
        if (!paragraphs) return;
        // A claim from another source has no default paragraph: the topic's is of its own source.
        const n = c.paragraph ?? (c.source ? undefined : t.source.paragraph);
        if (n === undefined) {
          issues.push({ file, path: `claims[${i}].paragraph`, message: `a claim from another source than the topic's needs its paragraph` });
          return;
        }
        const paragraph = paragraphs[n];
        if (paragraph === undefined) issues.push({ file, path: `claims[${i}].paragraph`, message: `the source has no paragraph ${n}` });
        else if (!quoteKey(paragraph).includes(quoteKey(c.quote)))
          issues.push({ file, path: `claims[${i}].quote`, message: `not found in paragraph ${n} of the source "${sourceId}"` });
      });
    }
  }

  if (issues.length || !sources || !synonyms || !offtopic || !places || !help || !entities || !themes) throw new DataError(issues);
  topics.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return {
    topics,
    sources: sources.sources,
    entities,
    sourceTexts: Object.fromEntries(sourceTexts),
    synonyms: synonyms.groups,
    offtopic,
    help,
    places,
    themes: themes.themes,
    version: hash.digest('hex').slice(0, 12),
  };
}
