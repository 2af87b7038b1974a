import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { type DataLimits, formatBytes } from './limits.js';

/** What reading one data file gave: its text, or why it was not read. */
export type ReadResult = { ok: true; text: string; bytes: number } | { ok: false; message: string };

/** What a file that is not a regular file is, for the report. */
function kindOf(stat: { isFIFO(): boolean; isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The settings that set the limits, named in the messages (never their values' source). */
export const LIMIT_SETTINGS = { file: 'DATA_MAX_FILE_KB', total: 'DATA_MAX_TOTAL_MB' } as const;

/**
 * Reads a data file as UTF-8 if it is a regular file of at most
 * `limits.maxFileBytes` that keeps the data within `limits.maxTotalBytes`
 * (`used`: bytes already read). Never blocks: the file
 * is opened non-blocking (a named pipe with no writer opens at once instead of
 * waiting forever) and checked with fstat on that descriptor, so a file
 * swapped between check and read is still the file checked. Reads stop at
 * the limit, so a file that grows (or a /proc file that reports size 0) is
 * still bounded.
 */
export async function readDataFile(path: string, limits: Pick<DataLimits, 'maxFileBytes' | 'maxTotalBytes'>, used: number): Promise<ReadResult> {
  const maxBytes = limits.maxFileBytes;
  const budget = Math.max(0, limits.maxTotalBytes - used);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, message: `is ${kindOf(stat)}, not a regular file; not read` };
    const tooBig = (size: number, more = false) =>
      size > maxBytes
        ? `is ${more ? 'more than ' : ''}${formatBytes(size - (more ? 1 : 0))}, over the limit of ${formatBytes(maxBytes)} per data file (${LIMIT_SETTINGS.file}); not read`
        : size > budget
          ? `is ${more ? 'more than ' : ''}${formatBytes(size - (more ? 1 : 0))}, which takes the data past its total limit of ${formatBytes(limits.maxTotalBytes)} (${LIMIT_SETTINGS.total}); not read`
          : undefined;
    const before = tooBig(stat.size);
    if (before) return { ok: false, message: before };
    const cap = Math.min(maxBytes, budget) + 1;
    const buffer = Buffer.alloc(Math.min(cap, Math.max(stat.size, 0) + 1));
    let bytes = 0;
    let chunk = buffer;
    for (;;) {
      if (bytes === chunk.length) {
        if (chunk.length >= cap) break;
        const grown = Buffer.alloc(Math.min(cap, chunk.length * 2 + 4096));
        chunk.copy(grown, 0, 0, bytes);
        chunk = grown;
      }
      const { bytesRead } = await handle.read(chunk, bytes, chunk.length - bytes, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
    }
    const after = tooBig(bytes, bytes >= cap);
    if (after) return { ok: false, message: after };
    return { ok: true, text: chunk.subarray(0, bytes).toString('utf8'), bytes };
  } catch (err) {
    return { ok: false, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
