import { createCore, type Core } from '../../src/core/core.js';
import { loadKnowledgeBase } from '../../src/core/data/load.js';
import type { KnowledgeBase } from '../../src/core/data/schema.js';

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
