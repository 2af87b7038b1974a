/** The summary card's palette: dark text on a light ground, contrast ≥ 4.5:1 for all text. */
export const CARD_COLORS = {
  ground: '#f6f4ef',
  band: '#1b2a4a',
  bandText: '#ffffff',
  bandMuted: '#c3cce0',
  accent: '#c8372d',
  title: '#14213d',
  text: '#2b3550',
  muted: '#545d70',
  figure: '#1b2a4a',
  rule: '#d6d0c2',
  chart: '#2f6690',
  track: '#e2ddd1',
  growth: '#1f7a4a',
} as const;
