import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, ChatMember, Message, Update, User, UserFromGetMe } from 'grammy/types';
import { Hold } from './hold.js';
import { checkInlineKeyboard, parseTelegramHtml } from './telegram-html.js';

/**
 * A local fake of the Telegram Bot API on 127.0.0.1 (port 0) that the real
 * grammY `Bot` talks to through `client.apiRoot`. It behaves as the real API
 * does where our bot can tell: getMe, webhooks, a real long-poll getUpdates
 * (held up to `timeout` seconds, offsets confirm updates, open polls released
 * on close), the send/edit/answer methods with Telegram's validation (HTML
 * parse mode, 4096/1024 lengths, 64-byte callback_data, 50 inline results),
 * getChatMember per test setup, and injected failures (429 with retry_after,
 * 5xx, dropped connections). Every call is recorded for assertions.
 * Uploads (grammY's multipart/form-data, e.g. sendPhoto with an InputFile)
 * are parsed: fields as Telegram reads them, files on `call.files`, and a
 * sendPhoto upload's bytes and file name on `call.photo`.
 */

export const FAKE_TOKEN = '7000001:AAFakeTokenForTests_abcdefghijklmnopq';
export const FAKE_BOT: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: 'Partnership Bot',
  username: 'partnership_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** One API call as the fake saw it and answered it. */
export interface ApiCall {
  seq: number;
  /** When the fake answered (or dropped) it: `performance.now()` in the fake's process, for latency figures. */
  at: number;
  method: string;
  params: Record<string, any>;
  /** HTTP status of the answer; 0 when the connection was dropped on purpose. */
  status: number;
  ok: boolean;
  result?: unknown;
  /** For sendMessage / editMessageText: the text as users see it (HTML parsed); for sendPhoto, the caption. */
  plain?: string;
  /** Files uploaded with multipart/form-data, by their part name (the `attach://` id). */
  files?: Record<string, UploadedFile>;
  /** For sendPhoto with an upload: the photo's bytes and file name. */
  photo?: UploadedFile;
}

/** One file part of a multipart/form-data request. */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
/** An injected failure: an API error answer, or 'network' to drop the connection. */
export type Failure = ApiFailure | 'network';

export interface WaitOptions {
  /** Only calls whose params pass this. */
  where?: (params: Record<string, any>) => boolean;
  /** Wait for a failed call instead of a successful one. */
  failed?: boolean;
  /** Fail the test after this long (a safety net, not synchronisation). Default 5000 ms. */
  timeoutMs?: number;
}

export interface FakeBotApiOptions {
  token?: string;
  bot?: Partial<UserFromGetMe>;
  /** The first update_id given out (Telegram's ids go on across a bot's restarts). Default 1. */
  firstUpdateId?: number;
  /**
   * Telegram's limit on messages the bot sends to one group: at most this many
   * sendMessage/sendPhoto calls to a group or supergroup in any 60 s, else 429
   * with retry_after (default 20; 0 switches it off).
   */
  groupMessagesPerMinute?: number;
}

interface Poll {
  params: Params;
  offset: number;
  limit: number;
  finish: (updates: Update[]) => void;
}

interface Waiter {
  method: string;
  opts: WaitOptions;
  resolve: (call: ApiCall) => void;
}

type Params = Record<string, any>;
class ApiErrorAnswer extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.description);
  }
}
const bad = (description: string, code = 400): never => {
  throw new ApiErrorAnswer({ error_code: code, description: code === 400 ? `Bad Request: ${description}` : description });
};

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly token: string;
  readonly bot: UserFromGetMe;
  webhook: { url: string; secret_token?: string } | undefined;
  /** The highest getUpdates offset received: every update below it is confirmed (Telegram drops it), whatever became of that call. */
  highestOffset = 0;
  private readonly server: Server;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private readonly polls = new Set<Poll>();
  private readonly waiters: Waiter[] = [];
  private readonly claimed = new Set<number>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly chats = new Map<number | string, Chat>();
  private readonly members = new Map<string, ChatMember | ApiFailure>();
  private readonly sent = new Map<string, { text: string; markup: string }>();
  private readonly countWaiters: Array<{ method: string; n: number; resolve: () => void }> = [];
  private readonly pollWaiters: Array<(params: Params) => boolean> = [];
  private readonly okCounts = new Map<string, number>();
  private readonly gates = new Map<string, { arrive: () => void; released: Promise<void> }>();
  private readonly holds: Hold[] = [];
  private readonly groupSends = new Map<number, number[]>();
  private readonly refusedPrivate = new Set<number>();
  private readonly groupLimit: number;

  private constructor(opts: FakeBotApiOptions) {
    this.token = opts.token ?? FAKE_TOKEN;
    this.nextUpdateId = opts.firstUpdateId ?? 1;
    this.bot = { ...FAKE_BOT, ...opts.bot };
    this.groupLimit = opts.groupMessagesPerMinute ?? 20;
    this.server = createServer((req, res) => void this.onRequest(req, res));
  }

  static async start(opts: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const fake = new FakeBotApi(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The value for TELEGRAM_API_ROOT / `client.apiRoot`. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  // ---- test setup -------------------------------------------------------

  /** Queues an update (update_id assigned) and hands it to any open long poll. */
  pushUpdate(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    const chat = full.message?.chat ?? full.callback_query?.message?.chat;
    if (chat) this.chats.set(chat.id, chat);
    this.updates.push(full);
    for (const poll of [...this.polls]) {
      const ready = this.pending(poll.offset, poll.limit);
      if (ready.length) poll.finish(ready);
    }
    return full;
  }

  /**
   * Gates every call of `method` unanswered until `release()` (the calls then go on as
   * usual); `arrived` resolves once the first one is held. Unlike `hold`, calls that
   * `failNext` makes fail are not gated: a call that is to fail fails at once, its retry waits.
   */
  gate(method: string): { arrived: Promise<void>; release(): void } {
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.gates.set(method, { arrive, released });
    return {
      arrived,
      release: () => {
        this.gates.delete(method);
        release();
      },
    };
  }

  /** Makes the next `times` calls of `method` fail. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Holds calls of `method` unanswered (they stay in flight at the bot) until the returned hold releases them. */
  hold(method: string): Hold {
    const hold = new Hold({ path: new RegExp(`^${method}$`) });
    this.holds.push(hold);
    return hold;
  }

  /** A chat the bot can send to by id or @username (e.g. a channel). */
  addChat(chat: Chat): void {
    this.chats.set(chat.id, chat);
    if ('username' in chat && chat.username) this.chats.set(`@${chat.username}`.toLowerCase(), chat);
  }

  /** A user who never started the bot: messages to their private chat get Telegram's 403. */
  refusePrivate(userId: number): void {
    this.refusedPrivate.add(userId);
  }

  /** What getChatMember answers for (chat, user): a status, or an API error. */
  setChatMember(chat: number | string, userId: number, member: ChatMember['status'] | ChatMember | ApiFailure): void {
    const value =
      typeof member === 'string'
        ? ({
            status: member,
            user: { id: userId, is_bot: userId === this.bot.id, first_name: 'User' },
            ...(member === 'administrator' ? adminRights : {}),
          } as ChatMember)
        : member;
    this.members.set(`${String(chat).toLowerCase()}|${userId}`, value);
  }

  // ---- assertions --------------------------------------------------------

  /** Successful calls of a method, in order. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  /**
   * The earliest call of `method` (successful unless `failed`) that no earlier
   * waitFor returned, now or when it arrives. Each call is returned once, so
   * consecutive waits walk a conversation in order.
   */
  waitFor(method: string, opts: WaitOptions = {}): Promise<ApiCall> {
    const found = this.calls.find((c) => this.matches(c, method, opts));
    if (found) {
      this.claimed.add(found.seq);
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { method, opts, resolve };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const recent = this.calls
          .slice(-8)
          .map((c) => `${c.method}→${c.status}`)
          .join(', ');
        reject(new Error(`fake Bot API: no ${opts.failed ? 'failed ' : ''}${method} call arrived (recent: ${recent || 'none'})`));
      }, opts.timeoutMs ?? 5000);
      waiter.resolve = (call) => {
        clearTimeout(timer);
        resolve(call);
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves with the params of a getUpdates long poll being held open (now or as soon as one is), one whose params pass `where` if given. */
  waitForPoll(where: (params: Params) => boolean = () => true): Promise<Params> {
    const open = [...this.polls].find((p) => where(p.params));
    if (open) return Promise.resolve(open.params);
    return new Promise((resolve) => {
      const waiter = (params: Params) => {
        if (!where(params)) return false;
        resolve(params);
        return true;
      };
      this.pollWaiters.push(waiter);
    });
  }

  /** Resolves once at least `n` successful calls of `method` have been made (for load tests). */
  waitForCount(method: string, n: number): Promise<void> {
    if ((this.okCounts.get(method) ?? 0) >= n) return Promise.resolve();
    return new Promise((resolve) => this.countWaiters.push({ method, n, resolve }));
  }

  async close(): Promise<void> {
    for (const hold of this.holds) hold.stop();
    for (const poll of [...this.polls]) poll.finish([]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP ---------------------------------------------------------------

  private matches(c: ApiCall, method: string, opts: WaitOptions): boolean {
    return !this.claimed.has(c.seq) && c.method === method && c.ok === !opts.failed && (opts.where?.(c.params) ?? true);
  }

  private record(call: ApiCall): void {
    call.seq = this.calls.length + 1;
    call.at = performance.now();
    this.calls.push(call);
    if (call.ok) this.okCounts.set(call.method, (this.okCounts.get(call.method) ?? 0) + 1);
    const i = this.waiters.findIndex((w) => this.matches(call, w.method, w.opts));
    if (i >= 0) {
      const [waiter] = this.waiters.splice(i, 1);
      this.claimed.add(call.seq);
      waiter!.resolve(call);
    }
    for (const w of [...this.countWaiters]) {
      if (w.method === call.method && (this.okCounts.get(w.method) ?? 0) >= w.n) {
        this.countWaiters.splice(this.countWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? '').split('?')[0]!);
    const { params, files } = parseRequest(String(req.headers['content-type'] ?? ''), Buffer.concat(chunks));
    const method = match?.[2] ?? '(none)';
    const call: ApiCall = { seq: 0, at: 0, method, params, status: 200, ok: true, ...(files ? { files } : {}) };
    const answer = (status: number, body: object) => {
      const json = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
      this.record({ ...call, status, ok: status === 200, ...('result' in body ? { result: body.result } : {}) });
    };
    if (!match) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const hold = this.holds.find((h) => h.matches('POST', method));
    if (hold) {
      await hold.enter();
      // A client that went away while held (a killed bot) never had the call made: nothing happens, as if it never arrived.
      if (req.socket.destroyed) return this.record({ ...call, status: 0, ok: false });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure === 'network') {
      this.record({ ...call, status: 0, ok: false });
      req.socket.destroy();
      return;
    }
    // Held after injected failures: a call that is to fail fails at once, its retry is held.
    const gate = failure ? undefined : this.gates.get(method);
    if (gate) {
      gate.arrive();
      await gate.released;
    }
    if (failure) return answer(failure.error_code, { ok: false, ...failure });
    try {
      if (method === 'getUpdates') {
        const updates = await this.getUpdates(params, req);
        if (!res.destroyed) answer(200, { ok: true, result: updates });
        return;
      }
      const result = this.handle(method, params, call);
      answer(200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiErrorAnswer)) throw err;
      answer(err.failure.error_code, { ok: false, ...err.failure });
    }
  }

  private pending(offset: number, limit: number): Update[] {
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    return this.updates.slice(0, limit);
  }

  /** A real long poll: answers at once when updates are waiting, else holds until one arrives, `timeout` passes or the client leaves. */
  private getUpdates(params: Params, req: IncomingMessage): Promise<Update[]> {
    const offset = Number(params.offset ?? 0);
    this.highestOffset = Math.max(this.highestOffset, offset);
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const timeout = Number(params.timeout ?? 0);
    const ready = this.pending(offset, limit);
    if (ready.length || timeout <= 0) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const left = () => poll.finish([]);
      const poll: Poll = {
        params,
        offset,
        limit,
        finish: (updates) => {
          clearTimeout(timer);
          // Keep-alive sockets carry many polls: drop this poll's listener with it.
          req.socket.off('close', left);
          this.polls.delete(poll);
          resolve(updates);
        },
      };
      const timer = setTimeout(left, timeout * 1000);
      req.socket.once('close', left);
      this.polls.add(poll);
      for (const waiter of [...this.pollWaiters]) if (waiter(params)) this.pollWaiters.splice(this.pollWaiters.indexOf(waiter), 1);
    });
  }

  private handle(method: string, p: Params, call: ApiCall): unknown {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      case 'setWebhook':
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}) };
        return true;
      case 'setMyCommands':
        checkCommands(p.commands);
        return true;
      case 'sendMessage':
      case 'sendPhoto': {
        const chat = this.chatFor(p.chat_id);
        if (chat.type === 'private' && this.refusedPrivate.has(chat.id)) {
          throw new ApiErrorAnswer({ error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
        }
        this.countGroupMessage(chat);
        if (method === 'sendPhoto') {
          const photo = checkPhoto(p.photo, call.files);
          if (photo) call.photo = photo;
        }
        const visible = method === 'sendPhoto' ? checkText(p.caption ?? '', p.parse_mode, 1024, true) : checkText(p.text, p.parse_mode, 4096);
        checkInlineKeyboard(p.reply_markup, bad);
        call.plain = visible;
        const message = this.message(chat, p, visible);
        this.sent.set(`${chat.id}|${message.message_id}`, { text: String(p.text ?? p.caption ?? ''), markup: JSON.stringify(p.reply_markup ?? null) });
        return message;
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const text = method === 'editMessageText' ? checkText(p.text, p.parse_mode, 4096) : undefined;
        if (text !== undefined) call.plain = text;
        checkInlineKeyboard(p.reply_markup, bad);
        if (p.inline_message_id) return true;
        const chat = this.chatFor(p.chat_id);
        const key = `${chat.id}|${p.message_id}`;
        const before = this.sent.get(key);
        const after = { text: text === undefined ? (before?.text ?? '') : String(p.text), markup: JSON.stringify(p.reply_markup ?? null) };
        if (before && before.text === after.text && before.markup === after.markup) {
          bad(
            'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        }
        this.sent.set(key, after);
        return this.message(chat, p, text ?? after.text, Number(p.message_id));
      }
      case 'answerCallbackQuery':
        if (typeof p.text === 'string' && p.text.length > 200) bad('MESSAGE_TOO_LONG');
        return true;
      case 'answerInlineQuery':
        checkInlineResults(p.results);
        return true;
      case 'getChatMember': {
        const chat = this.chatFor(p.chat_id);
        const member = this.members.get(`${String(p.chat_id).toLowerCase()}|${p.user_id}`) ?? this.members.get(`${chat.id}|${p.user_id}`);
        if (member && 'error_code' in member) throw new ApiErrorAnswer(member);
        return member ?? { status: 'left', user: { id: Number(p.user_id), is_bot: false, first_name: 'User' } };
      }
      case 'deleteMessage':
        return true;
      default:
        return bad('method not found', 404);
    }
  }

  /** Telegram's per-group limit: a sliding minute of sends per group; over it, 429 with the seconds until one leaves the window. */
  private countGroupMessage(chat: Chat): void {
    if (!this.groupLimit || (chat.type !== 'group' && chat.type !== 'supergroup')) return;
    const now = performance.now();
    const sent = (this.groupSends.get(chat.id) ?? []).filter((at) => now - at < 60_000);
    if (sent.length >= this.groupLimit) {
      const retry = Math.max(1, Math.ceil((sent[0]! + 60_000 - now) / 1000));
      throw new ApiErrorAnswer({ error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } });
    }
    sent.push(now);
    this.groupSends.set(chat.id, sent);
  }

  private chatFor(id: unknown): Chat {
    if (typeof id === 'string' && id.startsWith('@')) return this.chats.get(id.toLowerCase()) ?? bad('chat not found');
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n === 0) return bad('chat not found');
    return this.chats.get(n) ?? ((n > 0 ? { id: n, type: 'private', first_name: 'User' } : { id: n, type: 'supergroup', title: 'Group' }) as Chat);
  }

  private message(chat: Chat, p: Params, text: string, messageId?: number): Message {
    const from: User = this.bot;
    return {
      message_id: messageId ?? this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      ...(chat.type === 'channel' ? { sender_chat: chat } : { from }),
      ...(p.caption !== undefined ? { caption: text } : { text }),
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    } as Message;
  }
}

const adminRights = {
  can_be_edited: false,
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: true,
  can_edit_stories: true,
  can_delete_stories: true,
  can_post_messages: true,
  can_edit_messages: true,
};

function parseBody(type: string, body: Buffer): Params {
  if (!body.length) return {};
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8')) as Params;
  return { _raw: body.toString('latin1').slice(0, 200) };
}

/** A request's parameters, and its uploaded files when it is multipart/form-data. */
function parseRequest(type: string, body: Buffer): { params: Params; files?: Record<string, UploadedFile> } {
  const boundary = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(type)?.[2];
  if (!boundary || !body.length) return { params: parseBody(type, body) };
  return parseMultipart(body, boundary);
}

/**
 * multipart/form-data as the Bot API reads it: each field's text (objects such
 * as reply_markup arrive JSON-encoded and are decoded here), each file part
 * (one with a filename) under its name.
 */
export function parseMultipart(body: Buffer, boundary: string): { params: Params; files: Record<string, UploadedFile> } {
  const params: Params = {};
  const files: Record<string, UploadedFile> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) bad('multipart body without its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') break;
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') bad('malformed multipart body');
    const start = at + 2;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) bad('unterminated multipart body');
    const part = body.subarray(start, next);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) bad('multipart part without headers');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]+)"(?:;\s*filename="?([^"\r\n]*)"?)?/i.exec(headers);
    if (!disposition) bad('multipart part without a name');
    const [, name, filename] = disposition!;
    if (filename !== undefined) files[name!] = { filename, bytes: Buffer.from(content) };
    else params[name!] = decodeField(content.toString('utf8'));
    at = next + 2;
  }
  return { params, files };
}

function decodeField(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** sendPhoto's photo: a file_id or URL passes as is; an `attach://` upload must be there and be a PNG or JPEG within 10 MB. */
function checkPhoto(photo: unknown, files: Record<string, UploadedFile> | undefined): UploadedFile | undefined {
  if (typeof photo !== 'string' || !photo) return bad('there is no photo in the request');
  if (!photo.startsWith('attach://')) return undefined;
  const file = files?.[photo.slice('attach://'.length)];
  if (!file) return bad('wrong file identifier/HTTP URL specified');
  if (!file.bytes.length) return bad('file must be non-empty');
  if (file.bytes.length > 10 * 1024 * 1024) return bad('PHOTO_SAVE_FILE_INVALID');
  const image = file.bytes.subarray(0, 8).equals(PNG_SIGNATURE) || file.bytes.subarray(0, 3).equals(JPEG_SIGNATURE);
  if (!image) return bad('IMAGE_PROCESS_FAILED');
  return file;
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The visible text of a message, as Telegram parses it; throws Telegram's 400 answers. */
function checkText(text: unknown, parseMode: unknown, max: number, allowEmpty = false): string {
  if (typeof text !== 'string') return bad('message text is empty');
  let visible = text;
  if (parseMode === 'HTML') {
    const parsed = parseTelegramHtml(text);
    if ('error' in parsed) return bad(`can't parse entities: ${parsed.error}`);
    visible = parsed.text;
  } else if (parseMode !== undefined) {
    return bad('unsupported parse_mode in this fake');
  }
  if (!allowEmpty && !visible.trim()) return bad('message text is empty');
  if (visible.length > max) return bad(max === 1024 ? 'message caption is too long' : 'message is too long');
  return visible;
}

function checkCommands(commands: unknown): void {
  if (!Array.isArray(commands) || commands.length > 100) bad('BOT_COMMANDS_TOO_MUCH');
  for (const c of commands as Array<{ command?: unknown; description?: unknown }>) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) bad('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) bad('BOT_COMMAND_DESCRIPTION_INVALID');
  }
}

function checkInlineResults(results: unknown): void {
  if (!Array.isArray(results)) {
    bad('RESULTS_INVALID');
    return;
  }
  if (results.length > 50) bad('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  for (const r of results as Params[]) {
    const id = String(r.id ?? '');
    if (!id || Buffer.byteLength(id) > 64) bad('RESULT_ID_INVALID');
    if (ids.has(id)) bad('RESULT_ID_DUPLICATE');
    ids.add(id);
    if (r.type === 'article') {
      if (typeof r.title !== 'string' || !r.title) bad('RESULT_TITLE_EMPTY');
      checkText(r.input_message_content?.message_text, r.input_message_content?.parse_mode, 4096);
    }
    checkInlineKeyboard(r.reply_markup, bad);
  }
}
