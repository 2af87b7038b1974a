import type { Core } from '../core.js';
import type { Lang } from '../data/schema.js';
import type { Catalogue } from '../i18n/catalogue.js';
import type { Reply } from '../reply.js';
import type { Action } from './actions.js';
import type { ClaimPort, ContextPort, CuratorPort, LogPort, PermissionPort, Privilege, PublisherPort, RateLimitPort, Refusal, TelemetryPort } from './ports.js';
import type { Request, Surface } from './request.js';

/** What the conversation is built from: the core and the ports of one surface. */
export interface ConversationDeps {
  core: Core;
  limiter: RateLimitPort;
  permissions: PermissionPort;
  contexts: ContextPort;
  claims: ClaimPort;
  log: LogPort;
  /** Absent: nothing is recorded and moderator tools say they are off. */
  curator?: CuratorPort;
  /** Absent: cards can be previewed but not posted. */
  publisher?: PublisherPort;
  /** Absent: nothing is measured. */
  telemetry?: TelemetryPort;
}

/** One request being handled: the request, the language of interface text, the ports. */
export interface Turn {
  req: Request;
  lang: Lang;
  deps: ConversationDeps;
  /** Refuses a privileged command from inside it (a finer check than its privilege): logged once as a refusal, the reason told. */
  refuse(command: string, why: Refusal): Reply;
}

/** Catalogue keys whose text is a plain string (command descriptions, argument names). */
export type TextKey = { [K in keyof Catalogue]: Catalogue[K] extends string ? K : never }[keyof Catalogue];

export type ArgKind =
  /** Free text; the last positional text argument takes the rest of the line. */
  | 'text'
  /** A topic id (autocompleted where the surface can). */
  | 'topic'
  /** A card id: a topic id or 'overview' (autocompleted). */
  | 'card'
  /** en, ru or fa. */
  | 'lang'
  | 'boolean'
  /** A channel of the surface (where one can be named). */
  | 'channel'
  /** up or down. */
  | 'vote';

export interface ArgSpec {
  /** Catalogue key of the argument's name: the English name is the key in `Input.args`, other languages are menu localizations. */
  name: TextKey;
  /** Catalogue key of its one-line description. */
  info: TextKey;
  kind: ArgKind;
  required?: boolean;
  /** Can be typed after the command, in this order ("/card gas fa"). Others exist only where a surface has named options. */
  positional?: boolean;
  /** Longest value read. */
  maxLength?: number;
}

export type Args = Readonly<Record<string, string | boolean | undefined>>;

/** A command: written once here, listed and registered by every surface from this spec. */
export interface Command {
  name: string;
  /** Other names typed commands answer to. */
  aliases?: readonly string[];
  description: TextKey;
  args: readonly ArgSpec[];
  /** Who may run it (checked by the conversation, through the surface's permission port). */
  privilege?: Privilege;
  /** Surfaces whose menus list it (Discord registers only these); default: every surface. Typed, it runs anywhere. */
  listed?: readonly Surface[];
  /** May take seconds (a reload): surfaces with a reply deadline acknowledge first. */
  slow?: boolean;
  run(turn: Turn, args: Args): Promise<Reply | undefined> | Reply | undefined;
}

/** What a button press runs. */
export type ActionHandler<K extends Action['kind']> = (turn: Turn, action: Extract<Action, { kind: K }>, value?: string) => Promise<Reply> | Reply;
