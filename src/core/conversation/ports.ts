import type { DataIssue } from '../data/load.js';
import type { Lang } from '../data/schema.js';
import type { CardReply } from '../reply.js';
import type { Request, Surface } from './request.js';

/**
 * What the conversation needs from the world, as small interfaces. Boot and the
 * adapters implement them; the core only calls them. Every method may be async,
 * so a port can be backed by a shared database.
 */

/** A user's flood budget: answer, tell them once to slow down, or stay silent. */
export type FloodDecision = 'ok' | 'notice' | 'silent';
export interface RateLimitPort {
  take(user: string): FloodDecision | Promise<FloodDecision>;
}

/** `moderator`: posts cards; `operator`: acts on the bot everywhere (reload, the report of every question). */
export type Privilege = 'moderator' | 'operator';
/** Why a surface refuses a privileged command here; each has its own words in the catalogue. */
export type Refusal = 'private-only' | 'guild-only' | 'operators-only' | 'not-operator' | 'not-moderator';
/** Whose unanswered questions a requester may read: every place (operators), or only the place they moderate. */
export type InboxScope = { all: true } | { place: string };
export interface PermissionPort {
  /**
   * Whether the requester holds `privilege` here, checked by the bot itself
   * each time (roles, ids, where it is asked), whatever the platform's own
   * command permissions say.
   */
  check(req: Request, privilege: Privilege): Promise<true | Refusal>;
  /** The unanswered questions the requester may read: all for operators, their own place's for a place's moderators. */
  inbox(req: Request): Promise<InboxScope | Refusal>;
}

/** How many processes answer from a knowledge-base version. */
export interface VersionCount {
  version: string;
  processes: number;
}
/**
 * What a reload did, always one of: applied (`ok`; `processes`: every running
 * process by the version it answers from, once they had time to switch),
 * rejected with the file, path and reason of each problem, or timed out
 * (`timedOut`, with where the build was). Whatever it was, the bot answers
 * from the data it had unless `ok`.
 */
export type ReloadOutcome =
  | { ok: true; version: string; topics: number; changed: boolean; processes?: VersionCount[] }
  | { ok: false; issues: DataIssue[]; timedOut?: boolean };
export type VoteOutcome = 'new' | 'changed' | 'same';
export interface VoteRecord {
  surface: string;
  /** The event of the press (hashed): counted once per event. */
  event?: string;
  /** The answer voted on (an opaque message key). */
  answerKey: string;
  /** The voter (hashed). */
  user: string;
  topicId: string;
  vote: 1 | -1;
  /** The language of the answer voted on. */
  lang: Lang;
}
/** What a curator can do with an inbox question. */
export type InboxDecision = 'resolved' | 'ignored';
/** An open question of the inbox, as /unanswered lists it. */
export interface InboxEntry {
  id: number;
  example: string;
  count: number;
}
/** The curator's tools: reloading the data, the report of what went unanswered, the inbox, and votes. */
export interface CuratorPort {
  reload(reason: string): Promise<ReloadOutcome>;
  /** The report of unanswered questions in `scope`, and helpfulness by topic. */
  report(maxChars: number, scope: InboxScope): Promise<string>;
  /** The open inbox questions in `scope`, most asked first. */
  openInbox(limit: number, scope: InboxScope): Promise<InboxEntry[]>;
  /**
   * Resolves or ignores an inbox question in `scope`, recording who (the
   * hashed user); false when there is none such there; rejects when it cannot
   * be stored right now (the database lost or failing): nothing changed then.
   */
  decide(id: number, decision: InboxDecision, by: { surface: string; user: string }, scope: InboxScope): Promise<boolean>;
  /** Records the vote; false when it could not be stored. */
  vote(vote: VoteRecord): Promise<VoteOutcome | false>;
}

/** Why a card was not posted; each has its own words in the catalogue. */
export type PublishRefusal = 'no-target' | 'not-member' | 'bot-not-admin' | 'unknown-target' | 'missing-permissions' | 'refused' | 'image-failed' | 'failed';
export type Permission = 'ViewChannel' | 'SendMessages' | 'EmbedLinks' | 'AttachFiles';
export type PublishResult =
  | { ok: true; where: string; link?: string }
  | { ok: false; where: string; reason: PublishRefusal; missing?: Permission[]; access?: boolean; code?: number };
/** Posting summary cards where moderators post them. */
export interface PublisherPort {
  /** Where a card goes when the moderator names no place (a configured channel), as users know it; undefined when one must be named. */
  defaultTarget(req: Request): string | undefined;
  /** Checks before a preview that posting there can work (the bot's rights); absent: nothing to check. */
  preflight?(req: Request): Promise<PublishResult>;
  publish(req: Request, post: { card: CardReply; image: boolean; target?: string }): Promise<PublishResult>;
}

/** What the bot remembers of a conversation for follow-ups, bounded in size and time. */
export interface ConversationState {
  /** The last topic answered, and the answer's language. */
  topicId?: string;
  lang?: Lang;
  /** Epoch milliseconds of the last answer. */
  at: number;
}
export interface ContextPort {
  get(conversation: string): ConversationState | undefined | Promise<ConversationState | undefined>;
  set(conversation: string, state: ConversationState): void | Promise<void>;
}

/**
 * A key that only one caller may claim (a card posted once however often its
 * button is pressed, or the press is redelivered after a restart).
 */
export interface ClaimPort {
  claim(key: string): boolean | Promise<boolean>;
  /** The claimed effect happened: the claim is kept (where the port is durable, across restarts). */
  confirm(key: string): void | Promise<void>;
  /** The effect did not happen: the key may be claimed again. */
  release(key: string): void | Promise<void>;
}

/**
 * What the conversation reports of the requests it handles (for metrics): installed
 * once per surface with the conversation, never called by features. Must not throw.
 */
export interface TelemetryPort {
  /** A request the flood limit refused: 'notice' the first time a user is over their budget, 'silent' after. */
  limited(surface: Surface, decision: 'notice' | 'silent'): void;
  /** A request handled: what it was and how long the reply took to compose, in seconds. */
  handled(surface: Surface, request: Request['input']['kind'], seconds: number): void;
}

/** Structured log lines (pino's signature); the core logs moderator commands and failed ports through it. */
export interface LogPort {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
