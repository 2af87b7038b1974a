/** HTML text and attribute escaping: every value the desk shows goes through `esc`. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Text whose direction follows its own first strong letter (Persian right to left), isolated from what is around it. */
export const bidi = (value: unknown): string => `<bdi dir="auto">${esc(value)}</bdi>`;

export const pct = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

export const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);
export const isoMinute = (at: number): string => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
