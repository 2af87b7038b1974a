import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskAuth } from '../../src/desk/auth.js';
import type { OpsServer } from '../../src/ops/ops-server.js';
import type { BotStore } from '../../src/store/resilient.js';
import { realCore } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { DESK_BACKENDS, startSeededDesk, TOKEN } from './seed.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.each(DESK_BACKENDS)('the desk over HTTP, on %s', (backend) => {
  let server: OpsServer;
  let store: BotStore;
  let base: string;
  let ids: { persian: number; chess: number; visa: number };
  const log = capturingLogger();
  beforeAll(async () => {
    ({ server, store, base, ids } = await startSeededDesk(await realCore(), log.logger, backend));
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  it('serves the page to the token in a header, refuses everything else', async () => {
    expect((await fetch(`${base}/desk`)).status).toBe(401);
    expect((await fetch(`${base}/desk`, { headers: { 'x-desk-token': 'nope' } })).status).toBe(401);
    expect((await fetch(`${base}/desk`, { headers: { cookie: 'desk_session=forged' } })).status).toBe(401);
    const ok = await fetch(`${base}/desk`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/desk`, { method: 'DELETE', headers: { 'x-desk-token': TOKEN } })).status).toBe(405);
  });

  it('logs in with the token for a session cookie that reads but cannot change state (CSRF)', async () => {
    const login = await post('/desk/login', form({ token: TOKEN }));
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^desk_session=[A-Za-z0-9_-]+; Path=\/desk; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${base}/desk`, { headers: { cookie: session } })).status).toBe(200);
    const forged = await post('/desk/decide', form({ id: String(ids.visa), state: 'ignored' }), { cookie: session });
    expect(forged.status).toBe(403);
    expect((await store.inboxItem(ids.visa))?.state).toBe('open');
    const withToken = await post('/desk/decide', form({ id: String(ids.visa), state: 'ignored', token: TOKEN, back: 'open' }), { cookie: session });
    expect(withToken.status).toBe(303);
    expect(withToken.headers.get('location')).toBe('/desk?state=open#inbox');
    expect(await store.inboxItem(ids.visa)).toMatchObject({ state: 'ignored', changedBy: 'desk' });
    const header = await post('/desk/decide', form({ id: String(ids.visa), state: 'open' }), { 'x-desk-token': TOKEN });
    expect(header.status).toBe(303);
    expect((await store.inboxItem(ids.visa))?.state).toBe('open');
  });

  it('answers a bad decision plainly', async () => {
    expect((await post('/desk/decide', form({ id: '999999', state: 'resolved', token: TOKEN }))).status).toBe(404);
    expect((await post('/desk/decide', form({ id: 'x', state: 'resolved', token: TOKEN }))).status).toBe(400);
    expect((await post('/desk/decide', form({ id: String(ids.visa), state: 'deleted', token: TOKEN }))).status).toBe(400);
    expect((await post('/desk/decide', 'x'.repeat(9000), { 'x-desk-token': TOKEN })).status).toBe(400);
    expect((await fetch(`${base}/desk/decide`, { headers: { 'x-desk-token': TOKEN } })).status).toBe(405);
  });

  it('escapes what users typed', async () => {
    store.recordUnanswered({
      text: '<script>alert(1)</script> "x"',
      normalized: 'script alert',
      platform: 'telegram',
      outcome: 'offtopic',
      guess: null,
      confidence: 0.1,
      lang: 'en',
    });
    await store.flush();
    const html = await (await fetch(`${base}/desk`, { headers: { 'x-desk-token': TOKEN } })).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;');
  });

  it('compares tokens whole: a prefix, a longer string or an empty one is not the token', () => {
    const auth = deskAuth(TOKEN);
    expect(auth.isToken(TOKEN)).toBe(true);
    expect(auth.isToken(TOKEN.slice(0, -1))).toBe(false);
    expect(auth.isToken(`${TOKEN} `)).toBe(false);
    expect(auth.isToken('')).toBe(false);
    expect(auth.isToken(undefined)).toBe(false);
    expect(log.text()).not.toContain(TOKEN);
  });
});
