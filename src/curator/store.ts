/**
 * The store's contract: what the bot keeps between messages and restarts.
 * The embedded implementation is SQLite (`sqlite-store.ts`); another backend
 * (PostgreSQL) follows the same contract and the same versioned migrations
 * (`sqlite-migrations.ts` says what each version means).
 *
 * Privacy, for every backend: no platform id is stored in clear. Users,
 * places and answers arrive already hashed with the id secret (which lives
 * outside the database); question texts arrive redacted (`redact.ts`);
 * journalled updates are sealed with a key derived from that secret.
 *
 * Idempotency: writes that follow from a platform event carry the event's
 * key (a hashed update or interaction id) and happen once however often the
 * event is handled (a redelivery after a crash, a replayed journal).
 */

/** One question the bot declined or was unsure about. No user ids, ever. */
export interface UnansweredRecord {
  /** The question as asked, redacted (no e-mail addresses, phone numbers, handles or links). */
  text: string;
  normalized: string;
  platform: string;
  /** Where it was asked (hashed: a Discord server, a Telegram chat); unset: only operators see it. */
  place?: string;
  /** The event it came from (hashed): recorded once per event. */
  event?: string;
  outcome: string;
  guess: string | null;
  confidence: number;
  lang: string;
  at?: number;
}

export interface Vote {
  platform: string;
  /** Identifies the answer message (hashed by the adapter). */
  answerKey: string;
  /** The voter as the adapter hashed it; stored as given (never a platform id: the store refuses one). */
  userId: string;
  topicId: string;
  vote: 1 | -1;
  /** The event it came from (hashed): a vote is counted once per event, and a replayed event returns the first outcome. */
  event?: string;
}

/** What a vote did: a first vote on that answer by that user, a changed one, or the same again. */
export type VoteOutcome = 'new' | 'changed' | 'same';

export interface UnansweredGroup {
  normalized: string;
  example: string;
  count: number;
  lastSeen: number;
  guess: string | null;
  confidence: number;
}

export interface Helpfulness {
  topicId: string;
  up: number;
  down: number;
}

/** Whose questions a report holds: every place (operators), or one place (that server's moderators). */
export type InboxScope = { all: true } | { place: string };

/** An update fetched from a platform and not yet fully handled. */
export interface JournalEntry {
  id: number;
  /** The update as received (JSON). */
  payload: string;
  /** How many times handling it was started before (0 the first time it is replayed). */
  attempts: number;
}

/**
 * The curator's store: unanswered questions, feedback, claims on effects and
 * the update journal. Every method fails soft unless it says otherwise: a
 * read-only, missing or full database is logged once and the bot keeps answering.
 */
export interface CuratorStore {
  readonly enabled: boolean;
  /** Whether writes survive a restart (a file, not memory or nothing). */
  readonly durable: boolean;
  recordUnanswered(record: UnansweredRecord): void;
  /** Records or changes one user's vote on one answer; false when it could not be stored. */
  recordVote(vote: Vote): VoteOutcome | false;
  topUnanswered(limit: number, sinceMs?: number, scope?: InboxScope): UnansweredGroup[];
  /** Per topic, each voter counted once: their latest vote on any answer of that topic. */
  helpfulness(): Helpfulness[];
  /** Deletes what is older than the retention period; returns rows deleted. */
  enforceRetention(now?: number): number;
  /**
   * Whether a write goes through right now (a probe row written and committed, waiting at
   * most a short while for another writer's lock): true, or why not. A store switched off
   * (no DB_PATH) has nothing to write and is writable.
   */
  writable(): true | string;

  /**
   * Takes `key` for this caller (true), unless it is taken: confirmed, or
   * claimed within the last `staleMs` (a claim never confirmed, by a process
   * that died mid-effect, is taken over after that). A store that cannot
   * write says true: the effect may then happen twice, never not at all.
   */
  claim(key: string, staleMs?: number): boolean;
  /** The claimed effect happened: the key stays taken until retention removes it. */
  confirm(key: string): void;
  /** The effect did not happen: the key is free again. */
  release(key: string): void;

  /** The next update offset to fetch from for `surface` (one past the highest journalled), if any. */
  journalOffset(surface: string): number | undefined;
  /**
   * Journals fetched updates and the offset past them, in one transaction,
   * before the platform is told they arrived. Throws when they could not be
   * written: the caller must not confirm them then.
   */
  journalAdd(surface: string, updates: ReadonlyArray<{ id: number; payload: string }>): void;
  /** The update was handled: forgotten. */
  journalDone(surface: string, id: number): void;
  /** Updates journalled and not done (a previous run died first), oldest first; each call counts an attempt. */
  journalPending(surface: string): JournalEntry[];

  close(): void;
}

export { openCuratorStore, type StoreOptions } from './sqlite-store.js';
