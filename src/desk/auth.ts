import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The desk's one secret, DESK_TOKEN. Compared in constant time (both sides hashed to
 * the same length first). A browser that gave the token once holds a cookie derived
 * from it (HttpOnly, SameSite=Strict, never the token itself), which is enough to read
 * the page; a request that changes anything must carry the token itself in a header
 * (`X-Desk-Token`, or `Authorization: Bearer`) or a form field, so a forged
 * cross-site form riding on the cookie changes nothing.
 */
export interface DeskAuth {
  /** Whether `candidate` is the token. */
  isToken(candidate: string | undefined): boolean;
  /** The token from the request's headers, when it is the right one. */
  headerToken(req: IncomingMessage): boolean;
  /** Whether the request carries a valid session cookie. */
  cookie(req: IncomingMessage): boolean;
  /** The Set-Cookie header value that opens a session. */
  sessionCookie(): string;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
export const COOKIE = 'desk_session';

export function deskAuth(token: string): DeskAuth {
  const expected = digest(token);
  const session = createHmac('sha256', token).update('partnership-bot desk session v1').digest('base64url');
  const sessionDigest = digest(session);
  const same = (candidate: string | undefined, want: Buffer) =>
    typeof candidate === 'string' && candidate.length > 0 && timingSafeEqual(digest(candidate), want);
  const isToken = (candidate: string | undefined) => same(candidate, expected);
  return {
    isToken,
    headerToken(req) {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const header = req.headers['x-desk-token'];
      return isToken(typeof header === 'string' ? header : undefined) || isToken(bearer);
    },
    cookie(req) {
      const value = (req.headers.cookie ?? '')
        .split(';')
        .map((c) => c.trim().split('='))
        .find(([name]) => name === COOKIE)?.[1];
      return same(value, sessionDigest);
    },
    sessionCookie: () => `${COOKIE}=${session}; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=43200`,
  };
}
