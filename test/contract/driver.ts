/**
 * What the adapter contract suite drives: one surface (console, Telegram through
 * real grammY against the fake Bot API, Discord through real discord.js against
 * the fake gateway), seen from a user's side. Every surface passes the same
 * scenarios (contract.test.ts).
 */
export type SurfaceName = 'console' | 'telegram' | 'discord';

export interface TestUser {
  /** Distinct per user within one driver. */
  id: number;
  /** The user's platform language (Telegram language_code, Discord locale); default English. */
  lang?: 'en' | 'ru' | 'fa';
  /** A moderator where the surface has them (Telegram moderator ids, Discord Manage Messages, the console operator). */
  moderator?: boolean;
}

/** What the user saw: the visible text of the bot's message, and the labels of what they can press. */
export interface Shown {
  text: string;
  /** Button labels and menu options, in order. */
  buttons: string[];
  /** Shown only to this user (Discord ephemeral); surfaces without the idea say false. */
  private: boolean;
  /** Right-to-left layout marks or script in the text, as the surface renders Persian. */
  rtl: boolean;
}

export interface DriverOptions {
  /** Flood budget per user per minute (RATE_LIMIT_PER_MINUTE). */
  ratePerMinute?: number;
  /** A core that answers nothing outright (answer threshold above 1), so every question gets did-you-mean. */
  unsure?: boolean;
}

export interface SurfaceDriver {
  readonly name: SurfaceName;
  /** The user asks a question where the bot always answers (a private chat, a DM, the console). */
  ask(user: TestUser, text: string): Promise<Shown>;
  /** The user runs a command with named arguments (English argument names, as the core's commands define them). */
  command(user: TestUser, name: string, args?: Record<string, string | boolean>): Promise<Shown>;
  /**
   * The user presses what is labelled `label` on a message the bot showed them (a button,
   * a menu option, or on the console the command shown beside it). Resolves with the
   * bot's answer: a new message, the edited message, or a toast.
   */
  press(user: TestUser, shown: Shown, label: string): Promise<Shown>;
  /**
   * The user sends `count` questions at once; resolves with what came back, in
   * order (requests the bot stays silent on are absent).
   */
  flood(user: TestUser, text: string, count: number): Promise<Shown[]>;
  stop(): Promise<void>;
}

export type DriverFactory = (options?: DriverOptions) => Promise<SurfaceDriver>;

/** Whether a text holds right-to-left marks or Arabic-script letters. */
export const hasRtl = (text: string): boolean => /[\u200F\p{Script=Arabic}]/u.test(text);
