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
  /** The language of the answer voted on (for the analytics); default 'en'. */
  lang?: string;
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

/** What a question came to, as the analytics count it. */
export type AskOutcome = 'answered' | 'did-you-mean' | 'declined' | 'small-talk';
export const ASK_OUTCOMES: readonly AskOutcome[] = ['answered', 'did-you-mean', 'declined', 'small-talk'];

/** One question asked, as counted: no text, no user. `topic` is '' when none was matched. */
export interface AskEvent {
  surface: string;
  lang: string;
  topic: string;
  outcome: AskOutcome;
  /** The event it came from (hashed): counted once per event. */
  event?: string;
  at?: number;
}

export type InboxState = 'open' | 'resolved' | 'ignored';
export const INBOX_STATES: readonly InboxState[] = ['open', 'resolved', 'ignored'];

/**
 * A group of similar unanswered questions (one normalised form, asked in one
 * place) and what became of it. Each place's moderators decide on their own
 * place's groups; questions asked nowhere in particular (the console, a
 * private chat without a place) form groups only operators see.
 */
export interface InboxItem {
  id: number;
  normalized: string;
  /** The latest wording asked. */
  example: string;
  count: number;
  langs: string[];
  surfaces: string[];
  firstSeen: number;
  lastSeen: number;
  guess: string | null;
  confidence: number;
  state: InboxState;
  /** Who changed the state: the moderator as the adapter hashed them ('desk' for the web page). */
  changedBy: string | null;
  changedAt: number | null;
  /** Set when a reload made the bot answer it: the topic, the data version and when. */
  answeredNow: { topic: string; version: string; at: number } | null;
}

export interface InboxFilter {
  state?: InboxState;
  /** Only groups asked at or after this time (epoch ms). */
  since?: number;
  lang?: string;
  limit?: number;
  /** Whose groups: every place's (default), or one place's. */
  scope?: InboxScope;
}

/** Counts for one day, surface, language and topic. */
export interface AnalyticsRow {
  day: string;
  surface: string;
  lang: string;
  topic: string;
  asked: number;
  answered: number;
  didYouMean: number;
  declined: number;
  smallTalk: number;
  up: number;
  down: number;
}

export interface AnalyticsFilter {
  /** First day counted (epoch ms; its UTC day). */
  since?: number;
  lang?: string;
  surface?: string;
}

/** Who changes an inbox item's state: the surface and the user as the adapter hashed them ('desk' for the web page). */
export interface Moderator {
  surface: string;
  user: string;
}

/** A reload as the desk lists it. */
export interface ReloadRecord {
  at: number;
  ok: boolean;
  version: string | null;
  topics: number | null;
  changed: boolean;
  reason: string;
  /** Open questions the bot answered after this reload. */
  answeredNow: number;
}

/** The latest wording of an open question, to ask again after a reload. */
export interface OpenQuestion {
  id: number;
  text: string;
  lang: string;
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
 * The curator's store: unanswered questions, feedback, claims on effects and
 * the update journal. Every method fails soft unless it says otherwise: a
 * read-only, missing or full database is logged once and the bot keeps answering.
 */
export interface CuratorStore {
  readonly enabled: boolean;
  /** Whether writes survive a restart (a file, not memory or nothing). */
  readonly durable: boolean;
  /** Records an unanswered question and files it in its place's inbox (a new group opens; a resolved one asked again reopens). */
  recordUnanswered(record: UnansweredRecord): void;
  /** Counts one question in the analytics. */
  recordAsk(event: AskEvent): void;
  /** Records or changes one user's vote on one answer; false when it could not be stored. */
  recordVote(vote: Vote): VoteOutcome | false;
  topUnanswered(limit: number, sinceMs?: number, scope?: InboxScope): UnansweredGroup[];
  /** Per topic, each voter counted once: their latest vote on any answer of that topic. */
  helpfulness(): Helpfulness[];
  inbox(filter?: InboxFilter): InboxItem[];
  /** One group; undefined when there is none such in `scope` (default every place). */
  inboxItem(id: number, scope?: InboxScope): InboxItem | undefined;
  /**
   * Sets a group's state, recording who (hashed; the store refuses a platform
   * id in clear); false when there is no such group in `scope` (default every
   * place) or it could not be stored.
   */
  setState(id: number, state: InboxState, by: Moderator, scope?: InboxScope): boolean;
  openQuestions(): OpenQuestion[];
  /**
   * What asking the open questions again after a reload found: `topic` when the bot
   * now answers one (marked "answered now"), null when it still does not (a mark clears).
   */
  markAnswered(results: Array<{ id: number; topic: string | null }>, version: string, at?: number): number;
  analytics(filter?: AnalyticsFilter): AnalyticsRow[];
  recordReload(reload: ReloadRecord): void;
  reloads(limit: number): ReloadRecord[];
  /** Deletes question texts, votes and reloads older than the retention period (counts stay); returns rows deleted. */
  enforceRetention(now?: number): number;
  /**
   * Whether a write goes through right now: true, or why not. A store switched off
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


/** The UTC day of an epoch time, as YYYY-MM-DD. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
