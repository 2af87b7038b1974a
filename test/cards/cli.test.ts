import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TSX } from '../support/bot-process.js';
import { decodePng } from './png.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-card-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function card(args: string[], where: { cwd: string; env: Record<string, string> } = { cwd: ROOT, env: {} }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/entry/card.ts'), ...args], {
      cwd: where.cwd,
      env: { PATH: process.env.PATH ?? '', ENV_FILE: '', ...where.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('card CLI', () => {
  it('writes the PNG, prints its path, and rejects an unknown topic or language naming the valid ones', async () => {
    const out = join(dir, 'gas.png');
    const [ok, unknown, badLang] = await Promise.all([card(['gas', '--lang', 'fa', '--out', out]), card(['no-such-topic']), card(['gas', '--lang', 'de'])]);
    expect(ok).toMatchObject({ code: 0, stdout: `${out}\n` });
    const png = decodePng(await readFile(out));
    expect([png.width, png.height]).toEqual([1200, 675]);

    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown card "no-such-topic"');
    expect(unknown.stderr).toMatch(/Valid ids: overview, .*gas/);

    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('en, ru, fa');
  });

  it('without --out writes into a folder of the temporary directory, never into the working directory', async () => {
    const cwd = join(dir, 'work');
    const tmp = join(dir, 'tmp');
    await Promise.all([mkdir(cwd), mkdir(tmp)]);
    const result = await card(['gas'], { cwd, env: { TMPDIR: tmp, DATA_DIR: join(ROOT, 'data') } });
    expect(result, result.stderr).toMatchObject({ code: 0, stdout: `${join(tmp, 'partnership-bot-cards', 'card-gas-en.png')}\n` });
    expect(decodePng(await readFile(result.stdout.trim())).width).toBe(1200);
    expect(await readdir(cwd)).toEqual([]);
  });
});
