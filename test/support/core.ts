import { createCore, type Core } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';
import type { Reply } from '../../src/core/reply.js';

let kbPromise: Promise<KnowledgeBase> | undefined;
let core: Core | undefined;

/** The project's real data, loaded once per test file. */
export function realKnowledgeBase(): Promise<KnowledgeBase> {
  kbPromise ??= loadKnowledgeBase('data');
  return kbPromise;
}

/** A core trained on the real data, shared within a test file. */
export async function realCore(): Promise<Core> {
  core ??= createCore(await realKnowledgeBase());
  return core;
}

/** Whether a reply answers (an answer resting on claims that say what was asked), and with which topic. */
export function verdictOf(reply: Reply): { answered: boolean; topic: string | null } {
  const answered = reply.kind === 'answer' && reply.grounding === 'answered';
  return { answered, topic: reply.kind === 'answer' ? reply.topicId : null };
}
