import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import {
  type KnowledgeBase,
  HelpFile,
  OfftopicFile,
  PlacesFile,
  SourcesFile,
  SynonymsFile,
  Topic,
} from './schema.js';

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
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

async function readYaml(file: string, shown: string, issues: DataIssue[]): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    issues.push({ file: shown, path: '', message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    return undefined;
  }
  try {
    return parse(raw, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}` : '';
    const message = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    issues.push({ file: shown, path: where, message: `not valid YAML: ${message}` });
    return undefined;
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown, file: string, issues: DataIssue[]): z.infer<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ file, path: pathOf(issue.path), message: issue.message });
  return undefined;
}

/**
 * Reads and validates every file under `dir` (topics/*.yaml, sources.yaml,
 * synonyms.yaml, offtopic.yaml, help.yaml, places.yaml). Throws a DataError naming each
 * file, field path and reason; never returns partial data.
 */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const issues: DataIssue[] = [];
  const hash = createHash('sha256');
  const shown = (f: string) => relative(process.cwd(), f) || f;
  const load = async <S extends z.ZodType>(name: string, schema: S) => {
    const file = join(dir, name);
    const value = await readYaml(file, shown(file), issues);
    hash.update(name).update(JSON.stringify(value ?? null));
    return validate(schema, value, shown(file), issues);
  };

  const sources = await load('sources.yaml', SourcesFile);
  const synonyms = await load('synonyms.yaml', SynonymsFile);
  const offtopic = await load('offtopic.yaml', OfftopicFile);
  const places = await load('places.yaml', PlacesFile);
  const help = await load('help.yaml', HelpFile);

  const topicDir = join(dir, 'topics');
  let names: string[] = [];
  try {
    names = (await readdir(topicDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    issues.push({ file: shown(topicDir), path: '', message: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
  }
  if (names.length === 0 && issues.length === 0) issues.push({ file: shown(topicDir), path: '', message: 'no topic files (*.yaml)' });

  const topics: Topic[] = [];
  for (const name of names) {
    const topic = await load(join('topics', name), Topic);
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

  if (issues.length || !sources || !synonyms || !offtopic || !places || !help) throw new DataError(issues);
  topics.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return {
    topics,
    sources: sources.sources,
    synonyms: synonyms.groups,
    offtopic,
    help,
    places,
    version: hash.digest('hex').slice(0, 12),
  };
}
