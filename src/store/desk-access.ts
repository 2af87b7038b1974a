import type { InboxScope } from '../core/conversation/ports.js';
import { hashedOnly, type StoreBackend } from './contract.js';
import type { AnalyticsFilter, AnalyticsRow, InboxFilter, InboxItem, InboxState, Moderator, OpenQuestion, RecheckResult, ReloadRecord } from './desk-types.js';
import type { StoreStatus } from './resilient.js';

/** The desk could not read or write the store right now (lost, failing or too slow): the message says which, for the person asking. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * The desk's reads and decisions on the bot's store. They fail clearly rather
 * than answer as if nothing were recorded: while the database is lost,
 * failing or late each rejects with a StoreUnavailableError saying so (the
 * desk page, the report and /unanswered show it); with recording off there
 * is nothing to read (empty answers) and nothing to decide (false).
 */
export interface DeskAccess {
  inbox(filter?: InboxFilter): Promise<InboxItem[]>;
  /** One group of `scope` (default every place); undefined when there is none such. */
  inboxItem(id: number, scope?: InboxScope): Promise<InboxItem | undefined>;
  /** Sets a group's state, recording who; false when there is no such group in `scope`. */
  setState(id: number, state: InboxState, by: Moderator, scope?: InboxScope): Promise<boolean>;
  openQuestions(): Promise<OpenQuestion[]>;
  /** Marks what a recheck found (see StoreBackend.markAnswered) at the store's clock; how many are answered now. */
  markAnswered(results: readonly RecheckResult[], version: string): Promise<number>;
  analytics(filter?: AnalyticsFilter): Promise<AnalyticsRow[]>;
  reloads(limit: number): Promise<ReloadRecord[]>;
}

export interface DeskAccessDeps {
  off: boolean;
  status(): StoreStatus;
  attempt<T>(operation: string, fn: (backend: StoreBackend) => Promise<T>, fallback: () => T | Promise<T>, deadlineMs?: number): Promise<T>;
  now(): number;
  /** Deadline of one desk call (reads of a large inbox take longer than the answer path's calls). */
  deadlineMs: number;
}

export function deskAccess(deps: DeskAccessDeps): DeskAccess {
  const unavailable = (operation: string) => (): never => {
    const status = deps.status();
    const why =
      status.state === 'lost'
        ? `the ${status.kind} database is lost since ${new Date(status.since).toISOString()} (${status.reason})`
        : 'the database call failed or took too long (see the log)';
    throw new StoreUnavailableError(`cannot ${operation} now: ${why}`);
  };
  /** On the live backend within the deadline; `off` when recording is off; else a clear rejection. */
  const use = <T>(operation: string, fn: (b: StoreBackend) => Promise<T>, off: T) =>
    deps.attempt(operation, fn, deps.off ? () => off : unavailable(operation), deps.deadlineMs);
  return {
    inbox: (filter) => use('read the inbox', (b) => b.inbox(filter), []),
    inboxItem: (id, scope) => use('read the inbox', (b) => b.inboxItem(id, scope), undefined),
    async setState(id, state, by, scope) {
      hashedOnly('a moderator', by.user); // refused before the database is asked (a bug in the caller, not an outage)
      return use('change an inbox state', (b) => b.setState(id, state, by, deps.now(), scope), false);
    },
    openQuestions: () => use('read the inbox', (b) => b.openQuestions(), []),
    markAnswered: (results, version) => use('mark answered questions', (b) => b.markAnswered(results, version, deps.now()), 0),
    analytics: (filter) => use('read the analytics', (b) => b.analytics(filter), []),
    reloads: (limit) => use('read the reload history', (b) => b.reloads(limit), []),
  };
}
