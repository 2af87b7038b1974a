import type { InboxScope } from '../core/conversation/ports.js';

/**
 * What the curator's desk keeps, for every backend: inbox groups and their
 * states, per-day counts of questions and votes, and the reload history. No
 * question text here outlives retention; the counts carry no text and no user.
 */

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
  /** Sorted, each once. */
  langs: string[];
  /** Sorted, each once. */
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
  /** Only groups asked (at least once) in this language. */
  lang?: string;
  /** At most this many groups (default: all). */
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

/** What asking an open question again found: `topic` when the bot now answers it, null when it still does not. */
export interface RecheckResult {
  id: number;
  topic: string | null;
}

/** The UTC day of an epoch time, as YYYY-MM-DD. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Outcome names of the daily counts: the ask outcomes, and 👍/👎 votes. */
export type CountedOutcome = AskOutcome | 'up' | 'down';
