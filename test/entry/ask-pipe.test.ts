import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ROOT, TSX } from '../support/bot-process.js';

describe('npm run ask', () => {
  it('ends quietly with status 0 when its reader closes the pipe early ("… | head -1")', async () => {
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}src/entry/ask.ts`, '--jsonl'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ENV_FILE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdin.write('Where was the agreement signed?\n');
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    expect(JSON.parse(String(first).split('\n')[0]!)).toMatchObject({ answered: true });
    // The reader goes away; the next answers have nowhere to go.
    child.stdout.destroy();
    for (let i = 0; i < 50; i++) child.stdin.write('How much gas will Russia supply?\n');
    child.stdin.end();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
