import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; text: string; bytes: number } | { ok: false; status: 408 | 413 | 400; reason: string };

/**
 * Reads a request body counting bytes as they arrive, whatever the transfer
 * encoding says (Content-Length, chunked, or nothing): past `maxBodyBytes` it
 * stops reading at once (413); a body that pauses longer than
 * `bodyIdleTimeoutMs` is given up (408). Either way the request is left
 * unread and the caller closes the connection.
 */
export function readBody(req: IncomingMessage, limits: { maxBodyBytes: number; bodyIdleTimeoutMs: number }): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBodyBytes) {
    return Promise.resolve({ ok: false, status: 413, reason: `declared ${declared} bytes, over the ${limits.maxBodyBytes}-byte limit` });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let idle: NodeJS.Timeout | undefined;
    const finish = (result: BodyResult) => {
      clearTimeout(idle);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish({ ok: false, status: 408, reason: `no body data for ${limits.bodyIdleTimeoutMs} ms` }), limits.bodyIdleTimeoutMs);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxBodyBytes) return finish({ ok: false, status: 413, reason: `body passed the ${limits.maxBodyBytes}-byte limit while arriving` });
      chunks.push(chunk);
      arm();
    };
    const onEnd = () => finish({ ok: true, text: Buffer.concat(chunks, bytes).toString('utf8'), bytes });
    const onError = () => finish({ ok: false, status: 400, reason: 'the request failed while its body arrived' });
    const onAborted = () => finish({ ok: false, status: 400, reason: 'the client went away before its body arrived' });
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
    arm();
  });
}
