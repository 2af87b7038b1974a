import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { KnowledgeBase } from '../core/data/schema.js';
import { MATCHER_MODEL_FORMAT, type MatcherModel } from '../core/match/matcher-model.js';

/**
 * A built knowledge base as bytes for the store: the validated data and the
 * trained model, so another process (another host, with other files or none)
 * switches to it by importing, never by loading or training. Layout, gzipped:
 * a 4-byte header length, a JSON header (the data, the model with each typed
 * array replaced by {"$a": type, "o": byte offset, "n": length}), then the
 * arrays' bytes. Versioned by `CODEC`; `modelKey` names what it was built by.
 */
const CODEC = 1;
const ARRAYS = { Uint32Array, Int32Array, Uint16Array, Float32Array } as const;
type ArrayName = keyof typeof ARRAYS;

export interface KnowledgeBundle {
  kb: KnowledgeBase;
  model: MatcherModel;
}

/** The store key of a build: the data's version and the model's format (a new matcher format never imports an old build). */
export const modelKey = (version: string): string => `${version}.m${MATCHER_MODEL_FORMAT}.c${CODEC}`;

export async function encodeBundle(bundle: KnowledgeBundle): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let offset = 0;
  const header = JSON.stringify({ codec: CODEC, ...bundle }, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
    const name = value.constructor.name as ArrayName;
    if (!(name in ARRAYS)) throw new Error(`cannot encode a ${name}`);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const entry = { $a: name, o: offset, n: (value as unknown as { length: number }).length };
    parts.push(bytes);
    offset += bytes.length;
    return entry;
  });
  const head = Buffer.from(header, 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(head.length);
  return new Uint8Array(await promisify(gzip)(Buffer.concat([size, head, ...parts]), { level: 6 }));
}

export async function decodeBundle(bytes: Uint8Array): Promise<KnowledgeBundle> {
  const raw = await promisify(gunzip)(bytes);
  const length = raw.readUInt32BE(0);
  const body = raw.subarray(4 + length);
  const parsed = JSON.parse(raw.subarray(4, 4 + length).toString('utf8'), (_key, value: unknown) => {
    if (!value || typeof value !== 'object' || !('$a' in value)) return value;
    const { $a, o, n } = value as { $a: ArrayName; o: number; n: number };
    const Type = ARRAYS[$a];
    // Copied into its own buffer: aligned for its type, and transferable.
    const copy = new Uint8Array(n * Type.BYTES_PER_ELEMENT);
    copy.set(body.subarray(o, o + copy.length));
    return new Type(copy.buffer);
  }) as KnowledgeBundle & { codec: number };
  if (parsed.codec !== CODEC) throw new Error(`model bundle codec ${parsed.codec}, this release reads ${CODEC}`);
  return { kb: parsed.kb, model: parsed.model };
}
