import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';

const TG = '123456789:AAH-abcdefghijklmnopqrstuvwxyz012345';
const DC = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('never writes a bot token, wherever it hides', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', pretty: false, destination, secrets: ['my-webhook-secret-value'] });
    const inner = new Error(`request to https://api.telegram.org/bot${TG}/getMe failed`);
    const err = Object.assign(new Error('Network request for getMe failed'), {
      error: inner,
      url: `https://discord.com/api/v10/interactions/1/${'x'.repeat(60)}/callback`,
    });
    log.error({ err, token: DC, headers: { authorization: `Bot ${DC}` } }, `failed with ${TG} and my-webhook-secret-value`);
    log.info({ nested: { message: `token ${DC}` } }, 'ok');
    const out = lines.join('');
    expect(out).not.toContain(TG);
    expect(out).not.toContain(DC);
    expect(out).not.toContain('my-webhook-secret-value');
    expect(out).not.toContain('x'.repeat(60));
    expect(out).toContain('[secret]');
    expect(lines).toHaveLength(2);
  });

  it('scrubs token shapes from any string', () => {
    expect(scrubSecrets(`a ${TG} b`)).toBe('a [secret] b');
    expect(scrubSecrets(`/webhooks/123/${'y'.repeat(70)}/messages`)).toBe('/webhooks/123/[secret]/messages');
    expect(scrubSecrets('nothing secret here 12:34')).toBe('nothing secret here 12:34');
  });
});
