/** What the curator's store keeps, and the one interface every store implements (SQLite now; PostgreSQL can follow). */

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
  /** Identifies the answer message on its platform (e.g. chat id + message id). */
  answerKey: string;
  /** The platform user id: only a salted hash of it is stored. */
  userId: string;
  topicId: string;
  vote: 1 | -1;
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

/** What a question came to, as the analytics count it. */
export type AskOutcome = 'answered' | 'did-you-mean' | 'declined' | 'small-talk';
export const ASK_OUTCOMES: readonly AskOutcome[] = ['answered', 'did-you-mean', 'declined', 'small-talk'];

/** One question asked, as counted: no text, no user. `topic` is '' when none was matched. */
export interface AskEvent {
  surface: string;
  lang: string;
  topic: string;
  outcome: AskOutcome;
  at?: number;
}

export type InboxState = 'open' | 'resolved' | 'ignored';
export const INBOX_STATES: readonly InboxState[] = ['open', 'resolved', 'ignored'];

/** A group of similar unanswered questions (one normalised form) and what became of it. */
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
  /** Who changed the state: a salted hash of surface and user id ('desk' for the web page). */
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

/** Who changes an inbox item's state: the surface and its user id (stored hashed). */
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

/**
 * The curator's store. Every method fails soft: a read-only, missing or full
 * database is logged once and the bot keeps answering.
 */
export interface CuratorStore {
  readonly enabled: boolean;
  /** Records an unanswered question and files it in the inbox (a new group opens; a resolved one asked again reopens). */
  recordUnanswered(record: UnansweredRecord): void;
  /** Counts one question in the analytics. */
  recordAsk(event: AskEvent): void;
  /** Records or changes one user's vote on one answer; false when it could not be stored. */
  recordVote(vote: Vote): VoteOutcome | false;
  topUnanswered(limit: number, sinceMs?: number): UnansweredGroup[];
  helpfulness(): Helpfulness[];
  inbox(filter?: InboxFilter): InboxItem[];
  inboxItem(id: number): InboxItem | undefined;
  /** Sets an item's state; false when there is no such item or it could not be stored. */
  setState(id: number, state: InboxState, by: Moderator): boolean;
  openQuestions(): OpenQuestion[];
  /**
   * What asking the open questions again after a reload found: `topic` when the bot
   * now answers one (marked "answered now"), null when it still does not (a mark clears).
   */
  markAnswered(results: Array<{ id: number; topic: string | null }>, version: string, at?: number): number;
  analytics(filter?: AnalyticsFilter): AnalyticsRow[];
  recordReload(reload: ReloadRecord): void;
  reloads(limit: number): ReloadRecord[];
  /** Deletes question texts and votes older than the retention period (counts stay); returns rows deleted. */
  enforceRetention(now?: number): number;
  /**
   * Whether a write goes through right now: true, or why not. A store switched off
   * (no DB_PATH) has nothing to write and is writable.
   */
  writable(): true | string;
  close(): void;
}

/** The UTC day of an epoch time, as YYYY-MM-DD. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
