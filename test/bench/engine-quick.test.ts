import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { missingCorpora } from '../../bench/corpora.js';

/**
 * Keeps the NLU benchmark from rotting: runs it on its --quick subsample (our
 * engine and nlp.js, each in its own process) and checks the JSON contract.
 * The corpora are the copies in bench/corpora (the bench's default --data), so
 * this test always runs. The figures of a quick run are not comparable; speed
 * is never asserted.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const data = fileURLToPath(new URL('../../bench/corpora', import.meta.url));

describe('npm run bench -- --quick --json', () => {
  it('finds every corpus file in bench/corpora', () => {
    expect(missingCorpora(data)).toBeUndefined();
  });

  it('prints one JSON object with every engine on every corpus', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'bench/nlu.ts', '--quick', '--json'], { cwd: root, maxBuffer: 16 << 20 });
    const out = JSON.parse(stdout) as { results: Record<string, unknown>[]; peakRssMb: Record<string, number> };
    const engines = ['ours', 'nlp.js'];
    const corpora = ['clinc150/threshold', 'clinc150/oos-class', 'braun/chatbot', 'braun/askubuntu', 'braun/webapps', 'braun/overall'];
    expect(Object.keys(out.peakRssMb).sort()).toEqual([...engines].sort());
    for (const mb of Object.values(out.peakRssMb)) expect(mb).toBeGreaterThan(10);
    expect(out.results).toHaveLength(engines.length * corpora.length);
    const rate = expect.toSatisfy((x: unknown) => typeof x === 'number' && x >= 0 && x <= 1);
    const positive = expect.toSatisfy((x: unknown) => typeof x === 'number' && x > 0);
    for (const engine of engines) {
      for (const corpus of corpora) {
        const r = out.results.find((x) => x.engine === engine && x.corpus === corpus);
        expect(r, `${engine} on ${corpus}`).toBeDefined();
        if (corpus.startsWith('clinc150/')) {
          expect(r).toMatchObject({ inScopeAccuracy: rate, oosRecall: rate });
          expect(r).not.toHaveProperty('accuracy');
        } else {
          expect(r).toMatchObject({ accuracy: rate });
          expect(r).not.toHaveProperty('inScopeAccuracy');
        }
        if (corpus === 'braun/overall') expect(r).not.toHaveProperty('qps');
        else expect(r).toMatchObject({ trainMs: expect.any(Number), qps: positive, p50us: positive, p99us: positive });
      }
    }
    // Our engine's threshold is chosen on validation data; nlp.js uses its own.
    expect(out.results.find((x) => x.engine === 'ours' && x.corpus === 'clinc150/threshold')).toHaveProperty('threshold');
    expect(out.results.find((x) => x.engine === 'nlp.js' && x.corpus === 'clinc150/threshold')).not.toHaveProperty('threshold');
  }, 120_000);
});
