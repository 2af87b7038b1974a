import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/data/schema.js';
import { questionTypes } from '../../src/core/match/question-type.js';
import { normalizeText } from '../../src/core/text/normalize.js';

const types = (q: string, lang: Lang) => questionTypes(normalizeText(q), lang);

describe('question types', () => {
  it('finds the asked kind of fact in each language', () => {
    expect(types('When was the treaty signed?', 'en')).toEqual(['when']);
    expect(types('На сколько вырос товарооборот?', 'ru')).toEqual(['growth', 'how_much']);
    expect(types('تجارت چقدر رشد کرد؟', 'fa')).toEqual(['growth', 'how_much']);
    expect(types('Who signed it?', 'en')).toEqual(['who']);
  });

  it('reads price and cost questions as such, not as questions about any other figure', () => {
    expect(types('What price will Iran pay for Russian gas?', 'en')).toEqual(['price']);
    expect(types('How much will the railway cost?', 'en')).toEqual(['price']);
    expect(types('Сколько стоит газ для Ирана?', 'ru')).toEqual(['price']);
    expect(types('قیمت گاز چقدر است؟', 'fa')).toEqual(['price']);
    expect(types('How much gas will Russia send?', 'en')).toEqual(['how_much']);
  });

  it('reads "when does it expire" as a question about duration first', () => {
    expect(types('When does the agreement expire?', 'en')[0]).toBe('how_long');
    expect(types('Когда истекает срок действия договора?', 'ru')[0]).toBe('how_long');
    expect(types('توافق‌نامه کی منقضی می‌شود؟', 'fa')[0]).toBe('how_long');
  });

  it('reads "what made / prompted them" as a why question', () => {
    expect(types('What made Russia and Iran sign the treaty?', 'en')).toContain('why');
    expect(types('What forced Moscow and Tehran into this pact?', 'en')).toContain('why');
    expect(types('Что побудило Россию и Иран подписать договор?', 'ru')).toContain('why');
    expect(types('چه چیزی باعث شد روسیه و ایران این توافق را امضا کنند؟', 'fa')).toContain('why');
    expect(types('علت امضای پیمان چیست؟', 'fa')).toContain('why');
  });

  it('does not read growth of influence, role or presence as a question about a growth figure', () => {
    expect(types('How do they respond to the growth of Turkish influence?', 'en')).not.toContain('growth');
    expect(types("Is Turkey's growing regional power a concern?", 'en')).not.toContain('growth');
    expect(types('Как Россия и Иран реагируют на рост влияния Турции?', 'ru')).not.toContain('growth');
    expect(types('рост роли Азербайджана', 'ru')).not.toContain('growth');
    expect(types('رشد نفوذ ترکیه چه تاثیری دارد؟', 'fa')).not.toContain('growth');
    // A measurable growth still is one.
    expect(types('How much did trade grow?', 'en')).toContain('growth');
    expect(types('рост товарооборота', 'ru')).toContain('growth');
  });
});
