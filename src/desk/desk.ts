import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoutes } from '../adapters/types.js';
import type { Core } from '../core/core.js';
import type { Logger } from '../logger.js';
import { INBOX_STATES, type InboxState } from '../store/contract.js';
import { StoreUnavailableError } from '../store/desk-access.js';
import type { BotStore } from '../store/resilient.js';
import { deskAuth } from './auth.js';
import { esc } from './html.js';
import { type DeskView, renderDesk, renderLogin } from './page.js';
import { tryQuestion } from './try.js';

export interface DeskOptions {
  /** DESK_TOKEN. */
  token: string;
  core: Core;
  /** The bot's store (SQLite or PostgreSQL): with PostgreSQL the page shows every process's counts and inbox. */
  store: BotStore;
  logger: Logger;
  now?: () => number;
  /** Days the chart shows; default 30. */
  days?: number;
}

const MAX_FORM = 8 * 1024;
const MAX_QUESTION = 1000;
const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...extra }).end(html);
}
const redirect = (res: ServerResponse, to: string, extra: Record<string, string> = {}) => {
  res.writeHead(303, { ...HEADERS, location: to, 'content-length': 0, ...extra }).end();
};

/** A url-encoded form body, at most MAX_FORM bytes; undefined when too large or of another type. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The curator's desk on the operations server: GET /desk (the page; `?state=` picks
 * the inbox tab, `?q=` tries a question), POST /desk/login (the token, once, for a
 * session cookie), POST /desk/decide (resolve, ignore or reopen an inbox question: the
 * token in the form or a header). Every request without the token is refused (401,
 * 403); the token is never logged. While the database cannot answer, the page says
 * so (503, the try box still answers) and a decision is refused (503), never
 * shown as an empty inbox or taken silently. Returns a function that unmounts it.
 */
export function mountDesk(routes: HttpRoutes, opts: DeskOptions): () => void {
  const auth = deskAuth(opts.token);
  const now = opts.now ?? Date.now;
  const { logger, store, core } = opts;
  const refused = (req: IncomingMessage, why: string) => logger.info({ path: (req.url ?? '').split('?')[0], method: req.method, why }, 'desk request refused');

  async function page(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    if (!auth.headerToken(req) && !auth.cookie(req)) {
      refused(req, 'no token');
      return send(res, 401, renderLogin(false));
    }
    const query = new URL(req.url ?? '/desk', 'http://desk').searchParams;
    const stateArg = query.get('state');
    const state: InboxState = INBOX_STATES.includes(stateArg as InboxState) ? (stateArg as InboxState) : 'open';
    const q = (query.get('q') ?? '').trim().slice(0, MAX_QUESTION);
    const at = now();
    const days = opts.days ?? 30;
    const kb = core.kb;
    let stored: Pick<DeskView, 'analytics' | 'inbox' | 'reloads'> & { unavailable?: string };
    try {
      const [analytics, inbox, reloads] = await Promise.all([
        store.analytics({ since: at - (days - 1) * 86_400_000 }),
        store.inbox({ state, limit: 200 }),
        store.reloads(20),
      ]);
      stored = { analytics, inbox, reloads };
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      stored = { analytics: [], inbox: [], reloads: [], unavailable: err.message };
    }
    send(
      res,
      stored.unavailable ? 503 : 200,
      renderDesk({
        now: at,
        days,
        version: core.version,
        topics: kb.topics.length,
        titles: new Map(kb.topics.map((t) => [t.id, t.title.en])),
        ...stored,
        state,
        ...(q ? { tried: tryQuestion(core, q) } : {}),
        token: opts.token,
        recording: store.kind !== 'off',
      }),
    );
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed', { allow: 'POST' });
    const form = await readForm(req);
    if (!auth.isToken(form?.get('token') ?? undefined)) {
      refused(req, 'wrong token');
      return send(res, 401, renderLogin(true));
    }
    redirect(res, '/desk', { 'set-cookie': auth.sessionCookie() });
  }

  async function decide(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed', { allow: 'POST' });
    const form = await readForm(req);
    // The session cookie is not enough here: the token itself, from the form or a header.
    if (!auth.headerToken(req) && !auth.isToken(form?.get('token') ?? undefined)) {
      refused(req, 'state change without the token');
      return send(res, 403, 'This needs the desk token in the form or the X-Desk-Token header.');
    }
    const id = Number(form?.get('id'));
    const state = form?.get('state') as InboxState;
    if (!Number.isSafeInteger(id) || id <= 0 || !INBOX_STATES.includes(state)) return send(res, 400, 'Expected id and state (open, resolved or ignored).');
    let done: boolean;
    try {
      done = await store.setState(id, state, { surface: 'desk', user: 'desk' });
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      return send(res, 503, `Nothing was changed: ${esc(err.message)}. Try again when the database is back.`);
    }
    if (!done) return send(res, 404, `There is no question #${id} in the inbox.`);
    logger.info({ inbox: id, decision: state, surface: 'desk' }, 'inbox question decided');
    const back = form?.get('back');
    redirect(res, `/desk?state=${INBOX_STATES.includes(back as InboxState) ? back : 'open'}#inbox`);
  }

  const unmount = [routes.mount('/desk', page), routes.mount('/desk/login', login), routes.mount('/desk/decide', decide)];
  return () => {
    for (const u of unmount) u();
  };
}
