import type { Lang } from '../data/schema.js';

/** Where a request comes from. */
export type Surface = 'console' | 'telegram' | 'discord';

/** What a surface can show or do; the core leaves out what a surface cannot use. */
export interface Capabilities {
  /** Actions can be pressed (buttons, menus); otherwise they are shown as typed commands. */
  buttons: boolean;
  /** Cards can be posted somewhere (a configured channel, or one the moderator names). */
  publish: boolean;
}

/** What the user sent. */
export type Input =
  | { kind: 'question'; text: string }
  /** A command by its name or alias (without "/"), with named arguments; `text` is everything typed after it. */
  | { kind: 'command'; name: string; args: Readonly<Record<string, string | boolean | undefined>>; text?: string }
  /**
   * A pressed button or menu: `data` as the core's action codec wrote it; `value` is a menu's
   * chosen option; `message` names the message the button was on (for votes and double presses).
   */
  | { kind: 'action'; data: string; value?: string; message?: string };

/**
 * One neutral request, made by an adapter from a platform event. Ids are opaque
 * and already hashed by the adapter (no platform id reaches the core).
 */
export interface Request {
  surface: Surface;
  /** The conversation: a chat and thread, a channel and user, the console session. */
  conversation: string;
  /** The person asking (hashed). */
  user: string;
  /**
   * Where it was asked (hashed): a Discord server (a direct message: that
   * user's own place), a Telegram chat. Unanswered questions are kept with it,
   * and a place's moderators read only the questions asked there.
   */
  place?: string;
  /**
   * The platform event that carried the request (hashed update or interaction
   * id): what it records (a question, a vote) is recorded once per event,
   * however often the event is delivered or replayed.
   */
  event?: string;
  /** The user's platform language (a locale such as "ru" or "fa-IR"); the question's script decides first. */
  langHint?: string;
  /** A language fixed by where the request came from (a deep link, a button's message). */
  lang?: Lang;
  capabilities: Capabilities;
  input: Input;
  /** The platform event, for the adapter's own ports; the core never reads it. */
  raw?: unknown;
}
