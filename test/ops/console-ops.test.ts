import { afterEach, describe, expect, it } from 'vitest';
import { type BotProcess, sample, spawnBot } from '../support/bot-process.js';

let bot: BotProcess | undefined;
afterEach(() => bot?.kill('SIGKILL'));

describe('operations server in console mode (npm start with no token, OPS_PORT set)', () => {
  it('serves /healthz, /readyz (the chat and its in-memory store) and /metrics counting the questions answered, then exits 0 at end of input', async () => {
    bot = spawnBot('src/entry/main.ts', { env: { OPS_PORT: '0', LOG_LEVEL: 'info', WATCH_DATA: 'false' }, stdin: 'pipe' });
    expect((await bot.get('/healthz')).status).toBe(200);
    const ready = await bot.waitForGet('/readyz', (r) => r.status === 200);
    expect(ready.json()).toEqual({ ready: true });

    bot.child.stdin!.write("what's the weather like?\nhow much gas will russia send iran?\n");
    await bot.waitForOutput(/outside it[\s\S]*55 billion/);
    const metrics = await bot.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(sample(metrics.body, 'partnership_questions_total', { outcome: 'answered', topic: 'gas', lang: 'en', surface: 'console' })).toBe(1);
    expect(sample(metrics.body, 'partnership_questions_total', { outcome: 'declined-offtopic', topic: 'none', lang: 'en', surface: 'console' })).toBe(1);
    expect(sample(metrics.body, 'partnership_reply_seconds_count', { surface: 'console', request: 'question' })).toBe(2);
    expect(sample(metrics.body, 'partnership_knowledge_base_topics')).toBeGreaterThan(10);
    expect(metrics.body).toMatch(/^partnership_knowledge_base_info\{version="[^"]+"\} 1$/m);
    expect(metrics.body).toMatch(/^process_resident_memory_bytes \d+/m);
    expect((await bot.get('/nowhere')).status).toBe(404);

    bot.child.stdin!.end();
    expect((await bot.exited)[0]).toBe(0);
  });
});
