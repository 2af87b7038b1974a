import { describe, expect, it } from 'vitest';
import type { ReloadOutcome } from '../../src/core/conversation/ports.js';
import { reloadText } from '../../src/core/conversation/features/reload.js';
import { fa } from '../../src/core/i18n/fa/index.js';
import { ru } from '../../src/core/i18n/ru/index.js';

/** What /reload tells the moderator, on every surface (moved from the Telegram adapter's tests with the feature). */
describe('reloadText', () => {
  const issues = Array.from({ length: 7 }, (_, i) => ({ file: `data/topics/t${i}.yaml`, path: i === 0 ? '' : `facts[${i}].value`, message: `problem ${i}` }));
  const results: ReloadOutcome[] = [
    { ok: true, version: 'abc123', topics: 16, changed: true },
    { ok: true, version: 'abc123', topics: 16, changed: false },
    { ok: false, issues: issues.slice(0, 2) },
    { ok: false, issues },
  ];

  it('in English: applied, unchanged, or rejected with each file, path and reason', () => {
    expect(results.map((r) => reloadText(r, 'en'))).toEqual([
      'Data reloaded: 16 topics (version abc123).',
      'Data reloaded: 16 topics (version abc123, unchanged).',
      'Reload rejected; still answering from the previous data.\n• data/topics/t0.yaml: (file): problem 0\n• data/topics/t1.yaml: facts[1].value: problem 1',
      expect.stringMatching(/\n• data\/topics\/t4\.yaml: facts\[4\]\.value: problem 4\n… and 2 more$/),
    ]);
  });

  it('in Russian and Persian keeps every file, path and reason, and counts the rest', () => {
    for (const [lang, c] of [
      ['ru', ru],
      ['fa', fa],
    ] as const) {
      const text = reloadText(results[3]!, lang);
      expect(text.split('\n')[0]).toBe(c.reloadRejected);
      expect(text).toContain(`• data/topics/t0.yaml: ${c.reloadWholeFile}: problem 0`);
      expect(text).toContain('• data/topics/t4.yaml: facts[4].value: problem 4');
      expect(text).not.toContain('problem 5');
      expect(text.split('\n').at(-1)).toBe(c.reloadMoreIssues(2));
    }
    expect(reloadText(results[0]!, 'fa')).toBe(fa.reloadDone(16, 'abc123'));
    expect(fa.reloadDone(16, 'abc123')).toContain('۱۶');
  });

  it('says how many processes run which version when the curator counted them', () => {
    const counted: ReloadOutcome = {
      ok: true,
      version: 'abc123',
      topics: 16,
      changed: true,
      processes: [
        { version: 'abc123', processes: 2 },
        { version: 'old999', processes: 1 },
      ],
    };
    expect(reloadText(counted, 'en')).toBe('Data reloaded: 16 topics (version abc123).\nRunning: 2 processes on version abc123; 1 process on version old999.');
    expect(reloadText(counted, 'ru').split('\n')[1]).toContain('abc123');
    expect(reloadText(counted, 'fa').split('\n')[1]).toContain('۲');
  });
});
