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
  const cases = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case);
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
    const reply = await conversation.handle({
      surface: 'console',
      conversation: c.chat ?? `probe-${n++}`,
      user: 'u',
      capabilities: { buttons: false, publish: false },
      input: { kind: 'question', text: c.q },
    });
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

/**
 * Floors just under each probe's figures after its classes were fixed (raised as later fixes lifted them). Most
 * are below issue 13's targets: their floors guard what was fixed, not the goal (docs/quality.md).
 */
const PROBES: { n: number; questions: number; inScope: number; declined: number; yesno: number }[] = [
  { n: 1, questions: 170, inScope: 0.97, declined: 0.99, yesno: 0.95 },
  { n: 2, questions: 221, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 3, questions: 243, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 4, questions: 260, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 5, questions: 270, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 6, questions: 278, inScope: 0.94, declined: 0.91, yesno: 0.97 },
  { n: 7, questions: 293, inScope: 0.97, declined: 0.97, yesno: 0.99 },
  { n: 8, questions: 275, inScope: 0.98, declined: 0.94, yesno: 0.99 },
  { n: 9, questions: 229, inScope: 0.98, declined: 0.96, yesno: 0.99 },
  { n: 10, questions: 235, inScope: 0.97, declined: 0.93, yesno: 0.99 },
  { n: 11, questions: 229, inScope: 0.99, declined: 0.96, yesno: 0.99 },
  { n: 12, questions: 235, inScope: 0.98, declined: 0.99, yesno: 0.99 },
  { n: 13, questions: 235, inScope: 0.97, declined: 0.96, yesno: 0.99 },
  { n: 14, questions: 231, inScope: 0.96, declined: 0.96, yesno: 0.99 },
  { n: 15, questions: 229, inScope: 0.95, declined: 0.99, yesno: 0.99 },
  { n: 16, questions: 232, inScope: 0.95, declined: 0.9, yesno: 0.99 },
  { n: 17, questions: 237, inScope: 0.97, declined: 0.96, yesno: 0.99 },
  { n: 18, questions: 236, inScope: 0.97, declined: 0.96, yesno: 0.99 },
  { n: 19, questions: 242, inScope: 0.97, declined: 0.99, yesno: 0.99 },
  { n: 20, questions: 237, inScope: 0.96, declined: 0.99, yesno: 0.96 },
  { n: 21, questions: 235, inScope: 0.97, declined: 0.99, yesno: 0.99 },
  { n: 22, questions: 237, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 23, questions: 274, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 24, questions: 285, inScope: 0.98, declined: 0.99, yesno: 0.99 },
  { n: 25, questions: 268, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 26, questions: 261, inScope: 0.98, declined: 0.99, yesno: 0.97 },
  { n: 27, questions: 285, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 28, questions: 296, inScope: 0.98, declined: 0.99, yesno: 0.99 },
  { n: 29, questions: 287, inScope: 0.97, declined: 0.96, yesno: 0.99 },
  { n: 30, questions: 285, inScope: 0.96, declined: 0.86, yesno: 0.99 },
  { n: 31, questions: 276, inScope: 0.97, declined: 0.96, yesno: 0.94 },
  { n: 32, questions: 287, inScope: 0.98, declined: 0.99, yesno: 0.99 },
  { n: 33, questions: 261, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 34, questions: 273, inScope: 0.97, declined: 0.99, yesno: 0.99 },
  { n: 35, questions: 277, inScope: 0.98, declined: 0.96, yesno: 0.99 },
  { n: 36, questions: 268, inScope: 0.99, declined: 0.99, yesno: 0.99 },
  { n: 37, questions: 277, inScope: 0.96, declined: 0.94, yesno: 0.97 },
  { n: 38, questions: 292, inScope: 0.98, declined: 0.94, yesno: 0.97 },
  { n: 39, questions: 282, inScope: 0.98, declined: 0.97, yesno: 0.97 },
  { n: 40, questions: 279, inScope: 0.97, declined: 0.94, yesno: 0.96 },
];

const pct = (x: number) => `${Math.round(x * 100)}%`;

describe('scored blind probes as regression sets', () => {
  for (const p of PROBES) {
    it(`probe ${p.n} (${p.questions} questions): in-scope ≥ ${pct(p.inScope)}, declined ≥ ${pct(p.declined)}, yes/no ≥ ${pct(p.yesno)}`, async () => {
      const r = await grade(`test/fixtures/probe-${p.n}.jsonl`);
      expect(r.inScope, r.failures).toBeGreaterThanOrEqual(p.inScope);
      expect(r.declined, r.failures).toBeGreaterThanOrEqual(p.declined);
      expect(r.yesno, r.failures).toBeGreaterThanOrEqual(p.yesno);
    });
  }
});
