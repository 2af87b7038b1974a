import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core.js';
import { normalizeText, tokenize } from '../../src/core/text/normalize.js';
import { MAX_TEXT_REPLY, renderText } from '../../src/adapters/kit/plain-text.js';
import { realCore } from '../support/core.js';
import { hostileText } from '../support/arbitraries.js';

let core: Core;
beforeAll(async () => {
  core = await realCore();
});

describe('property: normaliser', () => {
  it('never throws, is idempotent, bounded, and leaves no markup, mentions or control characters', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const n = normalizeText(s);
        expect(normalizeText(n)).toBe(n);
        expect(n.length).toBeLessThanOrEqual(1000);
        expect(n).not.toMatch(/[<>&@*_~`\p{Cc}\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
        expect(tokenize(n).every((t) => t.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: matcher and plain renderer', () => {
  it('always returns a well-formed outcome and a bounded reply', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const { match, reply } = core.ask(s);
        expect(['answer', 'unsure', 'offtopic', 'other-parties', 'help', 'empty']).toContain(match.outcome);
        expect(match.confidence).toBeGreaterThanOrEqual(0);
        expect(match.confidence).toBeLessThanOrEqual(1);
        const text = renderText(reply);
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(MAX_TEXT_REPLY);
      }),
      { numRuns: 200 },
    );
  });

  it('never echoes the user text back into a reply', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{12,30}$/), (s) => {
        expect(renderText(core.ask(`<b>${s}</b> @everyone`).reply)).not.toContain(s);
      }),
      { numRuns: 50 },
    );
  });
});
