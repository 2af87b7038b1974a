import type { InboxItem, InboxState } from './desk-types.js';

/** An inbox group as both backends' queries return it. */
export interface InboxRow {
  id: number;
  normalized: string;
  example: string;
  count: number;
  /** Comma-separated, each once. */
  langs: string;
  surfaces: string;
  firstSeen: number;
  lastSeen: number;
  guess: string | null;
  confidence: number;
  state: InboxState;
  changedBy: string | null;
  changedAt: number | null;
  answeredTopic: string | null;
  answeredVersion: string | null;
  answeredAt: number | null;
}

/** A group as both backends read it (languages and surfaces come as comma-separated lists). */
export const inboxItem = (r: InboxRow): InboxItem => ({
  id: Number(r.id),
  normalized: r.normalized,
  example: r.example,
  count: Number(r.count),
  langs: r.langs.split(',').sort(),
  surfaces: r.surfaces.split(',').sort(),
  firstSeen: Number(r.firstSeen),
  lastSeen: Number(r.lastSeen),
  guess: r.guess,
  confidence: Number(r.confidence),
  state: r.state,
  changedBy: r.changedBy,
  changedAt: r.changedAt === null ? null : Number(r.changedAt),
  answeredNow:
    r.answeredTopic && r.answeredVersion && r.answeredAt !== null ? { topic: r.answeredTopic, version: r.answeredVersion, at: Number(r.answeredAt) } : null,
});
