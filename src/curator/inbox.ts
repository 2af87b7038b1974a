import type { Core } from '../core/core.js';
import { unansweredOutcome } from './record.js';
import type { CuratorStore } from './store-types.js';

/** Questions asked again per event-loop turn, so a large inbox never holds up answering. */
const PER_TURN = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Asks every open inbox question again (its latest wording, in its language) with the
 * data now loaded, without recording it, and marks those the bot now answers
 * "answered now" with the topic and data version; a mark whose question the data no
 * longer answers clears. Returns how many are answered now.
 */
export async function recheckInbox(core: Core, store: CuratorStore, at?: number): Promise<number> {
  if (!store.enabled) return 0;
  const open = store.openQuestions();
  const version = core.version;
  const results: Array<{ id: number; topic: string | null }> = [];
  for (let i = 0; i < open.length; i += PER_TURN) {
    if (i > 0) await nextTurn();
    for (const q of open.slice(i, i + PER_TURN)) {
      const { reply, match } = core.preview(q.text, q.lang);
      const answered = reply.kind === 'answer' && unansweredOutcome(reply, match.confidence) === undefined;
      results.push({ id: q.id, topic: answered ? reply.topicId : null });
    }
  }
  return store.markAnswered(results, version, at);
}
