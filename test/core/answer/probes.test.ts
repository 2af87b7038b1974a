import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/kit/plain-text.js';
import { createConversation } from '../../../src/core/conversation/conversation.js';
import { createFloodControl } from '../../../src/core/conversation/flood.js';
import { createMemoryClaims, createMemoryContexts } from '../../../src/core/conversation/memory.js';
import type { Core } from '../../../src/core/core.js';
import { realCore } from '../../support/core.js';
import { capturingLogger } from '../../support/log.js';

/**
 * The blind probes of docs/quality.md, after they were scored, as regression sets: graded as
 * eval/grade.mjs grades them (a fact's pattern within the first 240 characters, "answered" as the
 * ask CLI reports it, turns with one chat id as one conversation). Floors a little under today's
 * figures: a change that makes the bot worse on a class of questions fails here.
 */
interface Case {
  cat: string;
  q: string;
  expect?: string[];
  oos?: boolean;
  chat?: string;
}

const IN_SCOPE = new Set(['fact', 'topic', 'typo', 'casual', 'help', 'short', 'trap', 'yesno', 'followup']);
const DECLINED = new Set(['oos', 'near']);

let core: Core;
beforeAll(async () => {
  core = await realCore();
});

async function grade(file: string) {
  const cases = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case);
  const conversation = createConversation({
    core,
    limiter: createFloodControl(100_000),
    contexts: createMemoryContexts(),
    claims: createMemoryClaims(),
    log: capturingLogger().logger,
    permissions: { check: async () => true, inbox: async () => ({ all: true }) },
  });
  const score = { in: [0, 0], declined: [0, 0], yesno: [0, 0] };
  const failures: string[] = [];
  let n = 0;
  for (const c of cases) {
    const reply = await conversation.handle({ surface: 'console', conversation: c.chat ?? `probe-${n++}`, user: 'u', capabilities: { buttons: false, publish: false }, input: { kind: 'question', text: c.q } });
    if (!reply) throw new Error(`no reply to ${c.q}`);
    const text = renderText(reply);
    const answered = (reply.kind === 'answer' && reply.grounding === 'answered') || reply.kind === 'help' || reply.kind === 'card';
    const head = c.cat === 'fact' ? text.slice(0, 240) : text;
    const ok = c.oos ? !answered : (c.cat === 'help' || answered) && text.length <= 1500 && (c.expect ?? []).every((re) => new RegExp(re, 'iu').test(head));
    const bucket = IN_SCOPE.has(c.cat) ? score.in : DECLINED.has(c.cat) ? score.declined : undefined;
    if (bucket) {
      bucket[1]!++;
      if (ok) bucket[0]!++;
    }
    if (c.cat === 'yesno') {
      score.yesno[1]!++;
      if (ok) score.yesno[0]!++;
    }
    if (!ok) failures.push(`[${c.cat}] ${c.q} → ${text.slice(0, 100).replace(/\n/g, ' ')}`);
  }
  const rate = ([ok, all]: number[]) => ok! / all!;
  return { inScope: rate(score.in), declined: rate(score.declined), yesno: rate(score.yesno), failures: failures.join('\n') };
}

describe('scored blind probes as regression sets', () => {
  it('probe 1 (170 questions): in-scope ≥ 94%, declined ≥ 90%, yes/no ≥ 90%', async () => {
    const r = await grade('test/fixtures/probe-1.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.94);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.9);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.9);
  });

  it('probe 3 (243 questions): in-scope ≥ 96%, declined ≥ 95%, yes/no ≥ 90%', async () => {
    const r = await grade('test/fixtures/probe-3.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.96);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.95);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.9);
  });

  it('probe 2 (221 questions): in-scope ≥ 94%, declined ≥ 89%, yes/no ≥ 90%', async () => {
    const r = await grade('test/fixtures/probe-2.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.94);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.89);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.9);
  });

  it('probe 4 (260 questions): in-scope ≥ 97%, declined ≥ 95%, yes/no ≥ 95%', async () => {
    const r = await grade('test/fixtures/probe-4.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.97);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.95);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.95);
  });

  it('probe 5 (270 questions): in-scope ≥ 97%, declined ≥ 95%, yes/no ≥ 95%', async () => {
    const r = await grade('test/fixtures/probe-5.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.97);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.95);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.95);
  });

  // Probes 6 and 7 are below issue 13's targets: their floors guard what was fixed, not the goal (docs/quality.md).
  it('probe 6 (278 questions): in-scope ≥ 85%, declined ≥ 84%, yes/no ≥ 85%', async () => {
    const r = await grade('test/fixtures/probe-6.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.85);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.84);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.85);
  });

  it('probe 7 (293 questions): in-scope ≥ 91%, declined ≥ 87%, yes/no ≥ 90%', async () => {
    const r = await grade('test/fixtures/probe-7.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.91);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.87);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.9);
  });

  it('probe 8 (275 questions): in-scope ≥ 91%, declined ≥ 86%, yes/no ≥ 90%', async () => {
    const r = await grade('test/fixtures/probe-8.jsonl');
    expect(r.inScope, r.failures).toBeGreaterThanOrEqual(0.91);
    expect(r.declined, r.failures).toBeGreaterThanOrEqual(0.86);
    expect(r.yesno, r.failures).toBeGreaterThanOrEqual(0.9);
  });
});
