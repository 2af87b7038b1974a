import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let brokenData = '';
beforeAll(async () => {
  brokenData = await mkdtemp(join(tmpdir(), 'pb-broken-'));
  await cp('data', brokenData, { recursive: true });
  const gas = join(brokenData, 'topics/gas.yaml');
  await writeFile(gas, (await readFile(gas, 'utf8')).replace('value: 55', 'value: [55]'));
});
afterAll(() => rm(brokenData, { recursive: true, force: true }));

const TSX = ['--import', 'tsx'];

function run(args: string[], input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, ...args], { env: { PATH: process.env.PATH ?? '', ENV_FILE: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('ask CLI', () => {
  it('writes exactly one JSON object per input line (the evaluation contract)', async () => {
    const questions = ['How much gas will Russia send to Iran?', "what's the weather like?", '', 'what can you answer', 'tell me about the defense stuff'];
    const { code, stdout } = await run(['src/entry/ask.ts', '--jsonl'], `${questions.join('\n')}\n`);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(questions.length);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    rows.forEach((r, i) => {
      expect(Object.keys(r).sort()).toEqual(['answered', 'confidence', 'question', 'text', 'topic']);
      expect(r.question).toBe(questions[i]);
      expect(typeof r.confidence).toBe('number');
    });
    expect(rows[0]).toMatchObject({ answered: true, topic: 'gas' });
    expect(String(rows[0]!.text).slice(0, 240)).toContain('55');
    expect(rows[1]).toMatchObject({ answered: false, topic: null });
    expect(rows[2]).toMatchObject({ answered: false, topic: null });
    expect(rows[3]).toMatchObject({ answered: true, topic: null });
  });

  it('prints the plain-text answer for one question', async () => {
    const { code, stdout } = await run(['src/entry/ask.ts', 'where was the agreement signed'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Moscow/);
  });

  it('exits with the file, path and reason when the data is invalid', async () => {
    const { code, stderr, stdout } = await run(['src/entry/ask.ts', 'gas'], '', { DATA_DIR: brokenData });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/topics\/gas\.yaml: facts\[0\]\.value: /);
  });
});

describe('npm start without tokens', () => {
  it('runs the console chat on piped input, answers each line and exits 0', async () => {
    const { code, stdout } = await run(['src/entry/main.ts'], 'when was it signed?\nsing me something\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/17 January 2025/);
    expect(stdout).toMatch(/I only answer questions about the Russia–Iran/);
  });

  it('refuses a malformed token, naming the variable', async () => {
    const { code, stderr } = await run(['src/entry/main.ts'], '', { TELEGRAM_BOT_TOKEN: 'oops' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/TELEGRAM_BOT_TOKEN: must look like/);
    expect(stderr).not.toContain('oops');
  });
});
