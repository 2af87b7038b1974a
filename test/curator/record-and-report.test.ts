import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core.js';
import { createCore } from '../../src/core/core.js';
import { createIdHasher } from '../../src/core/ids.js';
import { recordQuestions } from '../../src/curator/record.js';
import { curatorReport } from '../../src/curator/report.js';
import { openStore } from '../../src/store/open-store.js';
import { loadConfig } from '../../src/config.js';
import { realKnowledgeBase } from '../support/core.js';
import { capturingLogger } from '../support/log.js';

const SECRET = 'test-secret-0123456789';

let core: Core;
beforeAll(async () => {
  core = createCore(await realKnowledgeBase());
});

describe('recording unanswered questions', () => {
  it('records declines and did-you-means with platform and best guess, not answers or help', async () => {
    const store = await openStore(loadConfig({ DB_PATH: ':memory:' }), capturingLogger().logger, { secret: SECRET });
    const stop = recordQuestions(core, store);
    const telegram = core.forPlatform('telegram');
    telegram.ask('How much gas a year?');
    telegram.ask('what can you answer');
    telegram.ask('What is the best pizza in Naples?');
    core.forPlatform('discord').ask('what is the best pizza in naples');
    telegram.ask('How much Russian gas does Germany buy?');
    stop();
    telegram.ask('Recorded after stop? It should not be');
    await store.flush();
    const top = await store.topUnanswered(10);
    expect(top.map((g) => [g.normalized, g.count])).toEqual([
      ['what is the best pizza in naples', 2],
      ['how much russian gas does germany buy', 1],
    ]);
    expect(top[1]!.guess).toBe('gas');
  });

  it('reports the top unanswered questions and helpfulness, within a size limit', async () => {
    const store = await openStore(loadConfig({ DB_PATH: ':memory:' }), capturingLogger().logger, { secret: SECRET });
    const stop = recordQuestions(core, store);
    for (let i = 0; i < 3; i++) core.ask('Who won the chess olympiad?');
    core.ask('Can I pay with Visa in Tehran?');
    stop();
    await store.flush();
    const ids = createIdHasher(SECRET);
    const [answer1, answer2] = [ids.hash('tg-msg', '1:2'), ids.hash('tg-msg', '1:3')];
    await store.recordVote({ platform: 'telegram', answerKey: answer1, userId: ids.hash('tg-user', 42), topicId: 'gas', vote: 1 });
    await store.recordVote({ platform: 'telegram', answerKey: answer1, userId: ids.hash('tg-user', 43), topicId: 'gas', vote: -1 });
    await store.recordVote({ platform: 'telegram', answerKey: answer2, userId: ids.hash('tg-user', 44), topicId: 'gas', vote: 1 });
    const text = await curatorReport(store, core.kb, { limit: 10 });
    expect(text).toMatch(/1\. #\d+ ×3 "Who won the chess olympiad\?"/);
    expect(text).toMatch(/2\. #\d+ ×1 "Can I pay with Visa in Tehran\?"/);
    expect(text).toMatch(/Natural gas partnership: 2 \/ 1 \(67% helpful\)/);
    expect((await curatorReport(store, core.kb, { limit: 10, maxChars: 60 })).length).toBeLessThanOrEqual(60);
  });
});
