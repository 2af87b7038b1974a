import { createHmac } from 'node:crypto';

/**
 * Hashes platform ids (users, chats, messages) before they reach the core, the
 * store or a log: a keyed HMAC, so the same id always gives the same key under one
 * secret and the ids cannot be recovered from the keys without it.
 */
export interface IdHasher {
  /** `kind` separates namespaces ("tg-user", "dc-channel"…), so equal numbers of different kinds never collide. */
  hash(kind: string, id: string | number): string;
}

export function createIdHasher(secret: string | Buffer): IdHasher {
  if (!secret || secret.length < 16) throw new Error('the id hashing secret must be at least 16 bytes');
  return {
    hash: (kind, id) => createHmac('sha256', secret).update(`${kind}:${id}`).digest('base64url').slice(0, 22),
  };
}
