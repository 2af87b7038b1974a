import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Hold } from './hold.js';

export { Hold };

/**
 * A local fake of Discord's gateway and REST API on one 127.0.0.1 port, driving a
 * real discord.js Client (`rest: { api: fake.apiBase }`). It records every REST call,
 * dispatches gateway events (replaying missed ones on RESUME), and injects failures (429, 401, 403…). Reusable for
 * end-to-end, load and resume tests: nothing here knows about the bot under test.
 */

export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.fake-bot-token-for-tests-only_0123456789';
export const FAKE_APP_ID = '100000000000000001';
export const FAKE_GUILD_ID = '200000000000000001';

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;
/** A fresh, time-ordered snowflake. */
export function snowflake(): string {
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (counter++ % 4096n));
}

/** Bits of the permissions Discord uses here (see PermissionFlagsBits). */
export const PERM = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
} as const;
export const DEFAULT_EVERYONE_PERMISSIONS =
  PERM.ViewChannel | PERM.SendMessages | PERM.EmbedLinks | PERM.AttachFiles | PERM.ReadMessageHistory | PERM.UseApplicationCommands;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** ChannelType; default 0 (GuildText). */
  type?: number;
  /** Permissions denied to @everyone in this channel (the bot has no other role). */
  deny?: bigint;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** @everyone's base permissions (the bot's too). */
  permissions?: bigint;
  /** Roles besides @everyone (no permissions of their own). */
  roles?: Array<{ id: string; name: string }>;
}

export interface RecordedCall {
  method: string;
  /** Decoded path after /api/v10, e.g. /interactions/1/abc/callback. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (payload_json for multipart), or undefined. */
  body: any;
  /** File names of multipart uploads. */
  files: string[];
  /** The files of a multipart upload, with their bytes. */
  uploads: Upload[];
  /** The raw request body of a multipart upload (empty otherwise). */
  raw: Buffer;
  authorization: string | undefined;
  status: number;
  /** What the fake answered. */
  response: any;
}

export interface Upload {
  /** The form field, e.g. files[0]. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface Failure {
  method?: string;
  path: RegExp;
  /** The HTTP status to answer; 0 drops the connection without an answer (recorded with status 0). */
  status: number;
  /** With status 0: handle the request first (e.g. create the message), then drop the connection instead of answering. */
  afterProcessing?: boolean;
  /** Seconds, for 429s. Default 0.05. */
  retryAfter?: number;
  /** Discord JSON error code (50013 Missing Permissions…). */
  code?: number;
  message?: string;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  bot?: FakeUser;
  guilds?: FakeGuild[];
  /** Shard count /gateway/bot recommends. Default 1. */
  shards?: number;
  /** session_start_limit.max_concurrency. Default 1. */
  maxConcurrency?: number;
}

interface Session {
  id: string;
  seq: number;
  shard: [number, number];
  socket: WebSocket | undefined;
  /** Recent dispatches (sent or not), replayed after a RESUME as Discord does. */
  history: Array<{ s: number; frame: string }>;
}

/** Dispatches kept per session for RESUME replays. */
const REPLAY_LIMIT = 10_000;

export interface Identify {
  token: string;
  intents: number;
  shard: [number, number];
}

export interface InteractionSpec {
  type: number;
  data?: Record<string, unknown>;
  /** Guild interaction unless `dm` is set. */
  guildId?: string;
  channelId?: string;
  dm?: boolean;
  user?: FakeUser;
  /** The invoking member's permissions (default: @everyone's plus ManageMessages). */
  memberPermissions?: bigint;
  /** The invoking member's roles (ids of the guild's `roles`). */
  memberRoles?: string[];
  locale?: string;
  message?: Record<string, unknown>;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly guilds: FakeGuild[];
  readonly calls: RecordedCall[] = [];
  readonly identifies: Identify[] = [];
  readonly resumes: string[] = [];
  /** Every interaction dispatched, with its token (tests check no token reaches a log). */
  readonly interactions: SentInteraction[] = [];
  readonly user: FakeUser = { id: '300000000000000001', username: 'alice', global_name: 'Alice', discriminator: '0', avatar: null };
  port = 0;
  /** TCP connections accepted so far (REST and gateway). A client without pipelining opens one per request it has in flight at once. */
  connections = 0;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readonly failures: Failure[] = [];
  private readonly holds: Hold[] = [];
  private readonly byNonce = new Map<string, Record<string, any>>();
  private readonly shards: number;
  private readonly maxConcurrency: number;

  constructor(opts: FakeDiscordOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.token = opts.token ?? FAKE_TOKEN;
    this.applicationId = opts.applicationId ?? FAKE_APP_ID;
    this.bot = opts.bot ?? { id: this.applicationId, username: 'Partnership Bot', global_name: null, discriminator: '0', avatar: null, bot: true };
    this.shards = opts.shards ?? 1;
    this.maxConcurrency = opts.maxConcurrency ?? 1;
    this.guilds = opts.guilds ?? [
      {
        id: FAKE_GUILD_ID,
        name: 'Test guild',
        channels: [
          { id: '400000000000000001', name: 'general' },
          { id: '400000000000000002', name: 'announcements' },
          { id: '400000000000000003', name: 'read-only', deny: PERM.SendMessages },
          { id: '400000000000000004', name: 'no-embeds', deny: PERM.EmbedLinks },
          { id: '400000000000000005', name: 'no-history', deny: PERM.ReadMessageHistory },
          { id: '400000000000000006', name: 'no-files', deny: PERM.AttachFiles },
        ],
      },
    ];
    this.http = createServer((req, res) => void this.route(req, res));
    this.http.on('connection', () => (this.connections += 1));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  channel(name: string, guild = this.guilds[0]!): FakeChannel {
    const found = guild.channels.find((c) => c.name === name);
    if (!found) throw new Error(`fake: no channel ${name}`);
    return found;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const hold of this.holds) hold.stop();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Makes the next `times` matching REST requests fail. */
  fail(failure: Failure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Holds matching REST requests unanswered until the returned hold releases them. */
  hold(match: { method?: string; path: RegExp }): Hold {
    const hold = new Hold(match);
    this.holds.push(hold);
    return hold;
  }

  /**
   * Holds the gateway's READY (and the guilds after it) for sessions that IDENTIFY from
   * now on, until released: the shard stays connected but not ready. `pending` counts
   * the sessions waiting.
   */
  holdReady(): Hold {
    return this.hold({ method: 'GATEWAY', path: /^READY$/ });
  }

  /** Holds RESUMEs from now on until released: a shard that reconnects stays not ready meanwhile. */
  holdResume(): Hold {
    return this.hold({ method: 'GATEWAY', path: /^RESUME$/ });
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return this.waitFor('call', predicate, timeoutMs, 'REST call');
  }

  /** Resolves once `count` calls match (counted incrementally: fine for bursts of thousands). */
  async waitForCalls(predicate: (call: RecordedCall) => boolean, count: number, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const matching = this.calls.filter(predicate);
    if (matching.length < count) {
      await this.waitFor<RecordedCall>('call', (call) => predicate(call) && matching.push(call) >= count, timeoutMs, `${count} REST calls`);
    }
    return matching;
  }

  waitForIdentify(count = 1, timeoutMs = 10_000): Promise<Identify> {
    if (this.identifies.length >= count) return Promise.resolve(this.identifies[count - 1]!);
    return this.waitFor('identify', () => this.identifies.length >= count, timeoutMs, `IDENTIFY #${count}`).then(() => this.identifies[count - 1]!);
  }

  waitForResume(timeoutMs = 10_000): Promise<string> {
    return this.waitFor('resumed', () => true, timeoutMs, 'RESUME');
  }

  /** The first reply to an interaction: its callback, or the edit of @original after a deferral. */
  async waitForResponse(interaction: SentInteraction, timeoutMs = 5000): Promise<{ type: number; data: any; call: RecordedCall }> {
    const callback = await this.waitForCall(
      (c) => c.method === 'POST' && c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      timeoutMs,
    );
    const type = callback.body.type as number;
    if (type !== 5 && type !== 6) return { type, data: callback.body.data, call: callback };
    const edit = await this.waitForCall(
      (c) => c.path.startsWith(`/webhooks/${this.applicationId}/${interaction.token}`) && (c.method === 'PATCH' || c.method === 'POST'),
      timeoutMs,
    );
    return { type, data: edit.body, call: edit };
  }

  /** Closes every gateway socket with `code` (4000: resumable). */
  disconnect(code = 4000): void {
    for (const socket of this.wss.clients) socket.close(code, 'fake: disconnect');
  }

  /**
   * Sends a dispatch to the sessions of the shard that owns `guildId` (shard 0 for DMs).
   * A session whose socket is closed keeps the event, and gets it when it resumes.
   */
  dispatch(t: string, d: unknown, guildId?: string): void {
    for (const session of this.sessions.values()) {
      const shardOf = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(session.shard[1])) : 0;
      if (shardOf !== session.shard[0]) continue;
      this.send(session, t, d);
    }
  }

  interaction(spec: InteractionSpec): SentInteraction {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${randomBytes(60).toString('base64url')}`;
    const user = spec.user ?? this.user;
    const guild = spec.dm ? undefined : this.guilds.find((g) => g.id === (spec.guildId ?? this.guilds[0]!.id))!;
    const channelId = spec.channelId ?? (guild ? guild.channels[0]!.id : snowflake());
    const everyone = guild?.permissions ?? DEFAULT_EVERYONE_PERMISSIONS;
    const payload: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type: spec.type,
      token,
      version: 1,
      data: spec.data,
      channel_id: channelId,
      channel: guild ? { id: channelId, type: 0, guild_id: guild.id, name: 'channel' } : { id: channelId, type: 1, recipients: [user] },
      locale: spec.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : { '1': user.id },
      context: guild ? 0 : 1,
      app_permissions: String(everyone),
      attachment_size_limit: 10_485_760,
      ...(guild
        ? {
            guild_id: guild.id,
            guild_locale: 'en-US',
            guild: { id: guild.id, locale: 'en-US', features: [] },
            member: this.member(user, spec.memberPermissions ?? everyone | PERM.ManageMessages, spec.memberRoles),
          }
        : { user }),
      ...(spec.message ? { message: spec.message } : {}),
    };
    const sent = { id, token, payload };
    this.interactions.push(sent);
    this.dispatch('INTERACTION_CREATE', payload, guild?.id);
    return sent;
  }

  slash(
    name: string,
    options: Array<{ name: string; type: number; value: unknown }> = [],
    spec: Partial<InteractionSpec> & { resolved?: unknown } = {},
  ): SentInteraction {
    const { resolved, ...rest } = spec;
    return this.interaction({ ...rest, type: 2, data: { id: snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) } });
  }

  autocomplete(
    name: string,
    options: Array<{ name: string; type: number; value: unknown; focused?: boolean }>,
    spec: Partial<InteractionSpec> = {},
  ): SentInteraction {
    return this.interaction({ ...spec, type: 4, data: { id: snowflake(), name, type: 1, options } });
  }

  /** A click on a button (component_type 2) or a choice in a string select (3) of a message the bot sent. */
  component(customId: string, spec: Partial<InteractionSpec> & { values?: string[]; ephemeral?: boolean } = {}): SentInteraction {
    const { values, ephemeral, ...rest } = spec;
    const channelId = rest.channelId ?? this.guilds[0]!.channels[0]!.id;
    const message = this.message({ channel_id: channelId, author: this.bot, content: '', flags: ephemeral ? 64 : 0 });
    return this.interaction({
      ...rest,
      channelId,
      type: 3,
      data: values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 },
      message,
    });
  }

  /** Dispatches MESSAGE_CREATE from `user` in a guild channel (or a DM when `dm` is set). */
  userMessage(content: string, opts: { channelId?: string; dm?: boolean; user?: FakeUser; mentions?: FakeUser[]; guildId?: string } = {}) {
    const user = opts.user ?? this.user;
    const guild = opts.dm ? undefined : this.guilds.find((g) => g.id === (opts.guildId ?? this.guilds[0]!.id))!;
    const channelId = opts.channelId ?? (guild ? guild.channels[0]!.id : snowflake());
    const message = this.message({
      channel_id: channelId,
      author: user,
      content,
      mentions: (opts.mentions ?? []).map((u) => ({ ...u, ...(guild ? { member: this.member(u) } : {}) })),
      channel_type: guild ? 0 : 1,
      ...(guild ? { guild_id: guild.id, member: this.member(user) } : {}),
    });
    this.dispatch('MESSAGE_CREATE', message, guild?.id);
    return message;
  }

  member(user: FakeUser, permissions?: bigint, roles: string[] = []): Record<string, unknown> {
    return {
      user,
      roles,
      nick: null,
      avatar: null,
      joined_at: '2025-01-01T00:00:00.000Z',
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      ...(permissions !== undefined ? { permissions: String(permissions) } : {}),
    };
  }

  message(fields: Record<string, unknown> & { channel_id: string }): Record<string, any> {
    return {
      id: snowflake(),
      type: 0,
      content: '',
      author: this.bot,
      attachments: [],
      embeds: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...fields,
    };
  }

  private waitFor<T>(event: string, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listener = (value: T) => {
        if (!predicate(value)) return;
        clearTimeout(timer);
        this.off(event, listener);
        resolve(value);
      };
      this.on(event, listener);
    });
  }

  private onConnection(socket: WebSocket): void {
    let session: Session | undefined;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: any };
      if (op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (op === 2) {
        if (d.token !== this.token) return socket.close(4004, 'Authentication failed.');
        const shard = (d.shard ?? [0, 1]) as [number, number];
        session = { id: randomBytes(16).toString('hex'), seq: 0, shard, socket, history: [] };
        this.sessions.set(session.id, session);
        this.identifies.push({ token: d.token, intents: d.intents, shard });
        const mine = this.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
        const held = this.holds.find((h) => h.matches('GATEWAY', 'READY'));
        if (held) {
          const identified = session;
          void held.enter().then(() => this.sendReady(identified, mine));
        } else this.sendReady(session, mine);
        this.emit('identify', d);
      } else if (op === 6) {
        const known = this.sessions.get(d.session_id);
        if (!known || d.token !== this.token) return socket.send(JSON.stringify({ op: 9, d: false }));
        session = known;
        const held = this.holds.find((h) => h.matches('GATEWAY', 'RESUME'));
        if (held) void held.enter().then(() => this.resume(known, socket, Number(d.seq ?? 0)));
        else this.resume(known, socket, Number(d.seq ?? 0));
      }
    });
    socket.on('close', (code) => {
      if (session?.socket === socket) session.socket = undefined;
      this.emit('socket-closed', code);
    });
  }

  /** A session resumed: Discord replays what the client missed (after the seq it resumes with), then RESUMED. */
  private resume(known: Session, socket: WebSocket, after: number): void {
    known.socket = socket;
    this.resumes.push(known.id);
    for (const { s, frame } of known.history) if (s > after) socket.send(frame);
    this.send(known, 'RESUMED', {});
    this.emit('resumed', known.id);
  }

  /** READY for a session that identified, then its guilds. */
  private sendReady(session: Session, mine: FakeGuild[]): void {
    this.send(session, 'READY', {
      v: 10,
      user: this.bot,
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of mine) this.send(session, 'GUILD_CREATE', this.guildPayload(guild));
  }

  private send(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    const frame = JSON.stringify({ op: 0, t, s, d });
    session.history.push({ s, frame });
    if (session.history.length > 2 * REPLAY_LIMIT) session.history.splice(0, session.history.length - REPLAY_LIMIT);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
  }

  private guildPayload(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: this.user.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
      preferred_locale: 'en-US',
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          permissions: String(guild.permissions ?? DEFAULT_EVERYONE_PERMISSIONS),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        ...(guild.roles ?? []).map((r, i) => ({
          id: r.id,
          name: r.name,
          permissions: '0',
          position: i + 1,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        })),
      ],
      channels: guild.channels.map((c, position) => ({
        id: c.id,
        type: c.type ?? 0,
        name: c.name,
        position,
        parent_id: null,
        nsfw: false,
        permission_overwrites: c.deny ? [{ id: guild.id, type: 0, allow: '0', deny: String(c.deny) }] : [],
      })),
      members: [this.member(this.bot)],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      member_count: 2,
      large: false,
      unavailable: false,
      joined_at: '2025-01-01T00:00:00.000Z',
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const method = req.method ?? 'GET';
    const { body, files, uploads } = await parseBody(raw, req.headers['content-type']);
    const multipart = uploads.length > 0 || Boolean(req.headers['content-type']?.startsWith('multipart/form-data'));
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      uploads,
      raw: multipart ? raw : Buffer.alloc(0),
      authorization: req.headers.authorization,
      status: 200,
      response: undefined,
    };
    let dropAnswer = false;
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      call.status = dropAnswer ? 0 : status;
      call.response = payload;
      this.calls.push(call);
      if (dropAnswer) req.socket.destroy();
      else json(res, status, payload, headers);
      this.emit('call', call);
    };

    const hold = this.holds.find((h) => h.matches(method, path));
    if (hold) await hold.enter();

    const failure = this.failures.find((f) => (!f.method || f.method === method) && f.path.test(path) && (f.times ?? 1) > 0);
    if (failure) failure.times = (failure.times ?? 1) - 1;
    if (failure?.status === 0 && failure.afterProcessing) {
      dropAnswer = true; // handled below as usual; the answer is lost on the way back
    } else if (failure?.status === 0) {
      call.status = 0;
      this.calls.push(call);
      this.emit('call', call);
      req.socket.destroy();
      return;
    } else if (failure?.status === 429) {
      const retryAfter = failure.retryAfter ?? 0.05;
      return reply(
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-bucket': `fake-${method}-${path.split('/')[1]}`,
          'x-ratelimit-scope': 'user',
        },
      );
    } else if (failure) {
      return reply(failure.status, { message: failure.message ?? `${failure.status}: fake failure`, code: failure.code ?? 0 });
    }

    const tokenRoute = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenRoute && req.headers.authorization !== `Bot ${this.token}`) return reply(401, { message: '401: Unauthorized', code: 0 });

    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.maxConcurrency },
      });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      return call.query.with_response === 'true' ? reply(200, { interaction: { id: path.split('/')[2], type: 2 } }) : reply(204);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path))) {
      if (method === 'DELETE') return reply(204);
      return reply(200, this.message({ channel_id: this.guilds[0]!.channels[0]!.id, ...messageFields(body) }));
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      // enforce_nonce: the message this bot already created with this nonce comes back instead of a second one.
      const nonceKey = body?.enforce_nonce && body.nonce !== undefined ? `${m[1]}:${String(body.nonce)}` : undefined;
      const existing = nonceKey ? this.byNonce.get(nonceKey) : undefined;
      if (existing) return reply(200, existing);
      const guild = this.guilds.find((g) => g.channels.some((c) => c.id === m![1]));
      const created = this.message({ channel_id: m[1]!, ...(guild ? { guild_id: guild.id } : {}), ...messageFields(body) });
      if (nonceKey) this.byNonce.set(nonceKey, created);
      return reply(200, created);
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const commands = (body as Array<Record<string, unknown>>).map((c) => ({
        id: snowflake(),
        application_id: m![1],
        version: snowflake(),
        type: 1,
        ...(m![3] ? { guild_id: m![3] } : {}),
        ...c,
      }));
      return reply(200, commands);
    }
    if (method === 'GET' && (m = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path))) {
      return m[2] === this.bot.id ? reply(200, this.member(this.bot)) : reply(404, { message: 'Unknown Member', code: 10007 });
    }
    return reply(404, { message: '404: Not Found', code: 0 });
  }
}

function messageFields(body: any): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const { content = '', embeds = [], components = [], flags = 0, message_reference, nonce } = body;
  return { content, embeds, components, flags, ...(message_reference ? { message_reference } : {}), ...(nonce !== undefined ? { nonce } : {}) };
}

/** A request body: JSON, or multipart/form-data (what discord.js sends with files) parsed into payload_json and the files' bytes. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: any; files: string[]; uploads: Upload[] }> {
  if (!raw.length) return { body: undefined, files: [], uploads: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const uploads: Upload[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value !== 'string') uploads.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    const payload = form.get('payload_json');
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files: uploads.map((u) => u.name), uploads };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [], uploads: [] };
  } catch {
    return { body: raw.toString('utf8'), files: [], uploads: [] };
  }
}

/** Starts a fake on 127.0.0.1, port 0. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(opts).listen();
}
