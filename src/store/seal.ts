import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Encrypts what must be kept for a while but may hold platform ids and message text (journalled updates). */
export interface Sealer {
  seal(text: string): string;
  /** The text, or undefined when the sealed value is damaged or was sealed under another key. */
  open(sealed: string): string | undefined;
}

/**
 * AES-256-GCM under a key derived from the id-hashing secret, which lives
 * outside the database: the database file alone (a backup, a stolen disk)
 * holds no readable update. Each value has its own random nonce.
 */
export function createSealer(secret: string | Buffer): Sealer {
  const key = createHmac('sha256', secret).update('partnership-bot/journal-seal/v1').digest();
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
