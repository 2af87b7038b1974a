import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/kit/plain-text.js';
import { createCore } from '../../../src/core/core.js';
import { DataError, loadKnowledgeBase } from '../../../src/core/data/load.js';

// Several sources: the data's article plus an invented newer report (test/fixtures/sources/), in a copy of data/.
const NEWER = `
  - id: report-2026-03-01
    title:
      en: test report on Russia–Iran trade
      ru: тестовый отчёт о торговле России и Ирана
      fa: گزارش آزمایشی دربارهٔ تجارت روسیه و ایران
    description:
      en: Invented for the tests
      ru: Придуман для тестов
      fa: ساختگی برای آزمون‌ها
    published: 2026-03-01
    asOf: 2026-03-01
    file: sources/newer-trade-report.txt
`;
const CLAIM = `  - id: value-2025
    source: report-2026-03-01
    paragraph: 1
    point: trade-value
    quote: Trade between Russia and Iran reached $4.1 billion in 2025
    text:
      en: Trade between Russia and Iran reached $4.1 billion in 2025.
      ru: В 2025 году торговля между Россией и Ираном достигла 4,1 млрд долларов.
      fa: تجارت میان روسیه و ایران در سال ۲۰۲۵ به ۴٫۱ میلیارد دلار رسید.
    answers: [how_much]
    entities: [russia, iran]
    numbers: [{ value: 4.1, unit: USD bn }]
    dates: ["2025"]
    status: event
    keywords: [turnover, volume, total, value]
`;

const dirs: string[] = [];
async function dataWithTwoSources(claim = CLAIM): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-sources-'));
  dirs.push(dir);
  await cp('data', dir, { recursive: true });
  await cp('test/fixtures/sources/newer-trade-report.txt', join(dir, 'sources/newer-trade-report.txt'));
  await appendFile(join(dir, 'sources.yaml'), NEWER);
  const topic = join(dir, 'topics/bilateral-trade.yaml');
  const [head, claims] = (await readFile(topic, 'utf8')).split('\nclaims:\n') as [string, string];
  await writeFile(topic, `${head}\nclaims:\n${claim}${claims.replace('  - id: value-2024\n', '  - id: value-2024\n    point: trade-value\n')}`);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('answers from several sources', () => {
  let core: ReturnType<typeof createCore>;
  beforeAll(async () => {
    core = createCore(await loadKnowledgeBase(await dataWithTwoSources()));
  });

  it('lead with the newest source on a point, say what the older one said, and cite the newest', () => {
    const { reply } = core.ask('How much was trade between Russia and Iran worth?');
    expect(reply).toMatchObject({ kind: 'answer', grounding: 'answered', topicId: 'bilateral-trade' });
    if (reply.kind !== 'answer') return;
    expect(reply.lead).toMatch(/^Trade between Russia and Iran reached \$4\.1 billion in 2025\./);
    expect(reply.details).toMatch(/^An older source \(24 Jan 2025\) said: Trade between Russia and Iran reached \$3\.77 billion in 2024\./);
    expect(reply.source).toMatchObject({ published: '2026-03-01', paragraph: 1 });
    expect(reply.source.line).toBe('Source: test report on Russia–Iran trade, published 1 Mar 2026 (paragraph 1)');
  });

  it('in every language: the older source named by its date, the newest cited in the reader’s language', () => {
    const ru = core.ask('Каков объём торговли между Россией и Ираном?').reply;
    expect(ru.kind === 'answer' && ru.lead).toMatch(/4,1 млрд/);
    expect(renderText(ru)).toMatch(/Более ранний источник \(24 янв\. 2025 г\.\) сообщал: В 2024 году торговля/);
    expect(ru.kind === 'answer' && ru.source.line).toMatch(/^Источник: тестовый отчёт о торговле России и Ирана/);
    const fa = core.ask('حجم تجارت روسیه و ایران چقدر است؟').reply;
    expect(fa.kind === 'answer' && fa.lead).toMatch(/۴٫۱ میلیارد/);
    expect(renderText(fa)).toMatch(/منبعی قدیمی‌تر \(۲۴ ژانویه ۲۰۲۵\) گفته بود:/);
    expect(fa.kind === 'answer' && fa.source.line).toMatch(/^منبع: گزارش آزمایشی/);
  });

  it('claims of one source on other points cite their own source, and dates reach as far as the newest source', () => {
    const gas = core.ask('How much gas will Russia supply to Iran?').reply;
    expect(gas.kind === 'answer' && gas.source.published).toBe('2025-01-24');
    const later = core.ask('Will trade grow in 2027?').reply;
    expect(later).toMatchObject({ kind: 'answer', grounding: 'after-source' });
    expect(later.kind === 'answer' && later.lead).toMatch(/^My source is from 1 March 2026 and cannot say what happened since\./);
  });

  it('reject a claim whose source is unknown or which lacks its paragraph in another source, naming the file and the field', async () => {
    for (const [claim, path, reason] of [
      [CLAIM.replace('source: report-2026-03-01', 'source: nowhere'), 'claims[0].source', /unknown source "nowhere"/],
      [CLAIM.replace('    paragraph: 1\n', ''), 'claims[0].paragraph', /needs its paragraph/],
      [CLAIM.replace('$4.1 billion in 2025\n', '$5 billion in 2025\n'), 'claims[0].quote', /not found in paragraph 1 of the source "report-2026-03-01"/],
    ] as const) {
      const error = await loadKnowledgeBase(await dataWithTwoSources(claim)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues).toContainEqual(
        expect.objectContaining({ file: expect.stringMatching(/topics\/bilateral-trade\.yaml$/), path, message: expect.stringMatching(reason) }),
      );
    }
  });
});
