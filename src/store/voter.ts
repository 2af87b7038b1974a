import { createHmac, randomBytes } from 'node:crypto';

/**
 * The voter key a store keeps instead of a user id: an HMAC of the (already
 * adapter-hashed) id under a salt kept in the database, the same for every
 * process that shares it.
 */
export function voterHasher(salt: string): (platform: string, userId: string) => string {
  return (platform, userId) => createHmac('sha256', salt).update(`${platform}:${userId}`).digest('base64url');
}
voterHasher.freshSalt = (): string => randomBytes(32).toString('hex');
