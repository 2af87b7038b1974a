import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The load bench's contract, on its quick setting (200 Telegram updates through
 * the webhook, 100 Discord interactions through the gateway, faults on): every
 * input answered exactly once and correctly, the bot never crashes, and the
 * figures are reported. Speed is the bench's business (`npm run bench:load`), not this test's.
 */

function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/load.ts', '--quick', '--json'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const isFigure = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;

describe('npm run bench:load -- --quick', () => {
  it('answers every Telegram update and Discord interaction exactly once through 429s, 5xx, dropped connections and a gateway resume', async () => {
    const { code, stdout, stderr } = await runQuickBench();
    const line = stdout.trim().split('\n').at(-1) ?? '';
    let summary: any;
    try {
      summary = JSON.parse(line);
    } catch {
      throw new Error(`the bench printed no JSON (exit ${code}):\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`);
    }
    expect(summary.failures).toEqual([]);
    expect(summary.passes.map((p: any) => p.name)).toEqual(['telegram + faults', 'discord + faults']);
    for (const pass of summary.passes) {
      expect({ name: pass.name, problems: pass.problems }).toEqual({ name: pass.name, problems: [] });
      expect(pass.sent).toBe(pass.platform === 'telegram' ? 200 : 100);
      expect(pass.replies).toBe(pass.sent);
      expect([pass.lost, pass.duplicates, pass.wrong, pass.stray]).toEqual([0, 0, 0, 0]);
      // The faults really happened, and the bot retried its way through them.
      expect(pass.injected).toBeGreaterThan(0);
      expect(pass.failedAttempts).toBeGreaterThan(0);
      expect(pass.bot).toMatchObject({ crashed: false, exitCode: 0, errors: 0, fatal: 0, leaks: 0 });
      // Figures are present (their size is not this test's business).
      for (const figure of [pass.inputPerSecond, pass.endToEndPerSecond, pass.replyLatency.p50, pass.replyLatency.p99, pass.harnessCpuPercent])
        expect(isFigure(figure)).toBe(true);
      expect(pass.endToEndPerSecond).toBeGreaterThan(0);
      expect(pass.replyLatency.n).toBe(pass.sent);
    }
    const [telegram, discord] = summary.passes;
    expect(telegram.http).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(isFigure(telegram.httpLatency.p99)).toBe(true);
    expect(telegram.retryWarnings).toBeGreaterThan(0); // the reset connections, retried and logged
    expect(discord.resumes).toBe(1);
    expect(summary.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
    expect(summary.ok).toBe(true);
    expect(code).toBe(0);
  }, 240_000);
});
