import type { ConversationState, FloodDecision } from '../core/conversation/ports.js';

/** One question the bot declined or was unsure about. No user ids, ever. */
export interface UnansweredRecord {
  text: string;
  normalized: string;
  platform: string;
  outcome: string;
  guess: string | null;
  confidence: number;
  lang: string;
  at?: number;
}

export interface Vote {
  platform: string;
  /** Identifies the answer message on its platform (already hashed by the adapter). */
  answerKey: string;
  /** The voter as the adapter hashed it: the store keeps only a salted hash of that. */
  userId: string;
  topicId: string;
  vote: 1 | -1;
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

/** A process that runs the bot on this store, as it last reported itself. */
export interface ProcessRecord {
  id: string;
  /** The knowledge-base version it answers from. */
  version: string;
  /** Epoch ms of its last report. */
  seenAt: number;
}

/** Which backend a store is. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * The one store contract, implemented by SQLite (`sqlite/open-sqlite.ts`, the
 * embedded default) and PostgreSQL (`postgres/open-postgres.ts`, chosen by
 * DATABASE_URL, shared by any number of processes and hosts). Both pass one
 * contract suite (test/contract/store.contract.ts).
 *
 * Every method rejects when the database fails (connection lost, disk full):
 * callers decide what failing soft means (`resilient.ts` wraps a backend for
 * the bot). Every write that spans rows is one transaction. Times are epoch
 * milliseconds given by the caller, so tests control the clock.
 */
export interface StoreBackend {
  readonly kind: StoreKind;
  /** The schema version after start-up migrations (the highest migration applied). */
  readonly schemaVersion: number;

  recordUnanswered(record: UnansweredRecord & { at: number }): Promise<void>;
  /** Records or changes one user's vote on one answer, atomically: two presses at once count once. */
  recordVote(vote: Vote, at: number): Promise<VoteOutcome>;
  topUnanswered(limit: number, sinceMs: number): Promise<UnansweredGroup[]>;
  helpfulness(): Promise<Helpfulness[]>;
  /** Deletes questions and votes older than `cutoff`, and expired shared state; returns question and vote rows deleted. */
  prune(cutoff: number, now: number): Promise<number>;

  /**
   * One token-bucket budget shared by every process, taken atomically:
   * `perMinute` tokens refilled evenly over a minute, at most `burst` held
   * (default `perMinute`). 'ok' spends a token; the first refusal after an
   * 'ok' is 'notice', later ones 'silent'.
   */
  takeBudget(key: string, perMinute: number, now: number, burst?: number): Promise<FloodDecision>;
  /**
   * Reserves the next turn of a one-at-a-time resource used at most once per
   * `intervalMs` (Discord's identify, per rate-limit bucket, across hosts):
   * the epoch ms at which the caller may go, `now` if it is free. Atomic:
   * callers at once get turns `intervalMs` apart.
   */
  reserve(key: string, intervalMs: number, now: number): Promise<number>;
  /** Claims `key` for whoever asks first (a unique key: one caller wins however many ask at once). */
  claim(key: string, now: number): Promise<boolean>;
  release(key: string): Promise<void>;
  getContext(conversation: string, now: number): Promise<ConversationState | undefined>;
  setContext(conversation: string, state: ConversationState): Promise<void>;

  /** Stores a built knowledge base and model (the codec's bytes) under its version; a second save of a version is ignored. */
  saveModel(version: string, bytes: Uint8Array, now: number): Promise<void>;
  loadModel(version: string): Promise<Uint8Array | undefined>;
  /** Makes `version` the one every process should run, and tells them (PostgreSQL NOTIFY; SQLite: this process only). */
  announce(version: string): Promise<void>;
  /** The version last announced, if any. */
  currentVersion(): Promise<string | undefined>;
  /** Calls `listener` with every version announced from now on, by any process; resolves once listening. */
  onAnnounce(listener: (version: string) => void): Promise<() => Promise<void>>;
  /** Records that process `id` runs `version` (a heartbeat too); tells listeners of `onProcessReport`. */
  reportProcess(id: string, version: string, now: number): Promise<void>;
  /** Calls `listener` whenever any process reports; resolves once listening. */
  onProcessReport(listener: (report: ProcessRecord) => void): Promise<() => Promise<void>>;
  forgetProcess(id: string): Promise<void>;
  /** Processes that reported at or after `since`. */
  processes(since: number): Promise<ProcessRecord[]>;

  /** The database's own consistency check (SQLite integrity_check; PostgreSQL amcheck where installed, and the schema's invariants): problems found, empty when sound. */
  integrityCheck(): Promise<string[]>;
  close(): Promise<void>;
}

/** How long follow-up context lasts after the last answer (both backends and the in-memory port). */
export const CONTEXT_TTL_MS = 30 * 60_000;
/** How long a claim (a posted card) blocks a second post; older claims are pruned. */
export const CLAIM_TTL_MS = 24 * 3_600_000;
/** Longest question text kept. */
export const MAX_TEXT = 500;
