import type { ConversationState, FloodDecision, InboxScope } from '../core/conversation/ports.js';
import type {
  AnalyticsFilter,
  AnalyticsRow,
  AskEvent,
  InboxFilter,
  InboxItem,
  InboxState,
  Moderator,
  OpenQuestion,
  RecheckResult,
  ReloadRecord,
} from './desk-types.js';

export type { InboxScope };
export * from './desk-types.js';

/**
 * Privacy, for every backend: no platform id is stored in clear. Users,
 * places and answers arrive already hashed with the id secret (which lives
 * outside the database); question texts arrive redacted (`curator/redact.ts`);
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
  /** Identifies the answer message on its platform (already hashed by the adapter). */
  answerKey: string;
  /** The voter as the adapter hashed it; stored as given (never a platform id: the store refuses one). */
  userId: string;
  topicId: string;
  vote: 1 | -1;
  /** The event it came from (hashed): a vote is counted once per event, and a replayed event returns the first outcome. */
  event?: string;
  /** The language of the answer voted on, for the daily counts; default 'en'. */
  lang?: string;
}

/** An update fetched from a platform and not yet fully handled. */
export interface JournalEntry {
  id: number;
  /** The update as received (JSON). */
  payload: string;
  /** How many times handling it was started before (0 the first time it is replayed). */
  attempts: number;
}

/**
 * What a process journalled outside the database while it was away (its spool
 * on disk, `journal-spool.ts`), to be written into it.
 */
export interface JournalMerge {
  /** Updates fetched and not yet handled, with the attempts counted while outside. */
  entries: JournalEntry[];
  /** Updates handled meanwhile: forgotten if the database journalled them. */
  done: number[];
  /** The offset to fetch from: one past the highest update journalled outside. */
  offset: number;
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

  /**
   * Records a question (once per `event`) and files it in its place's inbox group, in one transaction: a new
   * group opens, a resolved one asked again reopens, and an "answered now" mark clears (the bot still did not
   * answer it). Rejects a platform id in clear as place or event.
   */
  recordUnanswered(record: UnansweredRecord & { at: number }): Promise<void>;
  /**
   * Records or changes one user's vote on one answer, atomically: two presses
   * at once count once, and an event recorded before returns its first outcome.
   * A new vote counts in its day's 👍/👎; a changed one moves from the day it was
   * cast to today's. Rejects a platform id in clear as voter or answer.
   */
  recordVote(vote: Vote, at: number): Promise<VoteOutcome>;
  /** Unanswered questions grouped, of every place (`{ all: true }`, the default) or of one. */
  topUnanswered(limit: number, sinceMs: number, scope?: InboxScope): Promise<UnansweredGroup[]>;
  /** Per topic, each voter counted once: their latest vote on any answer of that topic. */
  helpfulness(): Promise<Helpfulness[]>;
  /**
   * Deletes questions, votes, effects and reloads older than `cutoff` (inbox groups left without questions go
   * with them; the daily counts stay), and expired shared state; returns question and vote rows deleted.
   */
  prune(cutoff: number, now: number): Promise<number>;

  /** Counts questions in the daily analytics, in one transaction; each `event` once, however often it is given. */
  recordAsks(events: ReadonlyArray<AskEvent & { at: number }>): Promise<void>;
  /** Inbox groups, most asked first (then latest, then id). */
  inbox(filter?: InboxFilter): Promise<InboxItem[]>;
  /** One group; undefined when there is none such in `scope` (default every place). */
  inboxItem(id: number, scope?: InboxScope): Promise<InboxItem | undefined>;
  /**
   * Sets a group's state, recording who (hashed; rejects a platform id in clear) and when; false when there is no
   * such group in `scope` (default every place).
   */
  setState(id: number, state: InboxState, by: Moderator, at: number, scope?: InboxScope): Promise<boolean>;
  /** The open groups' latest wordings, in id order: what a reload asks again. */
  openQuestions(): Promise<OpenQuestion[]>;
  /** Marks the groups the bot now answers "answered now" (topic, `version`, `at`) and clears the mark of the others, in one transaction; returns how many are answered. */
  markAnswered(results: readonly RecheckResult[], version: string, at: number): Promise<number>;
  /** Daily counts per day, surface, language and topic, in that order. */
  analytics(filter?: AnalyticsFilter): Promise<AnalyticsRow[]>;
  recordReload(reload: ReloadRecord): Promise<void>;
  /** The latest `limit` reloads, newest first. */
  reloads(limit: number): Promise<ReloadRecord[]>;

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
  /**
   * Takes `key` for this caller (one caller wins however many ask at once),
   * unless it is taken: confirmed, or claimed within the last `staleMs`
   * (default CLAIM_STALE_MS: a claim never confirmed, by a process that died
   * mid-effect, is taken over after that).
   */
  claim(key: string, now: number, staleMs?: number): Promise<boolean>;
  /** The claimed effect happened: the key stays taken until retention removes it. */
  confirm(key: string, now: number): Promise<void>;
  /** The effect did not happen: the key is free again. */
  release(key: string): Promise<void>;

  /** The next update offset to fetch from for `surface` (one past the highest journalled), if any. */
  journalOffset(surface: string): Promise<number | undefined>;
  /** Journals fetched updates (sealed) and the offset past them, in one transaction; rejects when they could not be written. */
  journalAdd(surface: string, updates: ReadonlyArray<{ id: number; payload: string }>, now: number): Promise<void>;
  /** The update was handled: forgotten. */
  journalDone(surface: string, id: number): Promise<void>;
  /**
   * Writes a journal kept outside the database meanwhile, in one transaction: its entries journalled (sealed, with
   * their attempts; an update journalled already stays as it is), its `done` updates forgotten, and the offset raised
   * to `offset` when it is below. Writing the same merge again changes nothing.
   */
  journalMerge(surface: string, merge: JournalMerge, now: number): Promise<void>;
  /**
   * Updates journalled and not done, oldest first; each call counts an attempt.
   * One that cannot be opened (sealed under another secret) is deleted and its id returned in `unreadable`.
   */
  journalPending(surface: string): Promise<{ entries: JournalEntry[]; unreadable: number[] }>;
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
  /**
   * SQLite only: whether a write goes through right now (a probe row written and committed, waiting at most a
   * short while for another writer's lock): true, or why not. Synchronous, for /readyz. PostgreSQL has none: its
   * connection-level failures mark the store lost (resilient.ts), which readiness reports instead.
   */
  writableNow?(): true | string;
  close(): Promise<void>;
}

/** How long follow-up context lasts after the last answer (both backends and the in-memory port). */
export const CONTEXT_TTL_MS = 30 * 60_000;
/** A claim never confirmed (its process died mid-effect) may be taken over after this long. */
export const CLAIM_STALE_MS = 10 * 60_000;
/** Longest question text kept. */
export const MAX_TEXT = 500;

/** Keys that are platform ids in clear ("123456", "-100123:45"): every backend refuses to keep them. */
const PLATFORM_ID = /^-?\d+(?::-?\d+)*$/;
export function hashedOnly(what: string, value: string | undefined): void {
  if (value !== undefined && PLATFORM_ID.test(value)) throw new Error(`refused to store a platform id in clear as ${what}`);
}
