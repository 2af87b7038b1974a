import { describe, expect, it } from 'vitest';
import { asksForOverview, asksForSource, isRequest, smallTalk, timeOf } from '../../../src/core/answer/scope.js';
import { normalizeText } from '../../../src/core/text/normalize.js';

const n = normalizeText;

describe('what a message is before it is a question', () => {
  it('small talk, in each language, only when it is nothing more', () => {
    expect(smallTalk(n('thanks!'), 'en')).toBe('thanks');
    expect(smallTalk(n('Thank you so much'), 'en')).toBe('thanks');
    expect(smallTalk(n('ok'), 'en')).toBe('ok');
    expect(smallTalk(n('lol'), 'en')).toBe('laugh');
    expect(smallTalk(n('hi there'), 'en')).toBe('hello');
    expect(smallTalk(n('Спасибо!'), 'ru')).toBe('thanks');
    expect(smallTalk(n('привет'), 'ru')).toBe('hello');
    expect(smallTalk(n('ممنون'), 'fa')).toBe('thanks');
    expect(smallTalk(n('سلام'), 'fa')).toBe('hello');
    expect(smallTalk(n('thanks, and how much gas?'), 'en')).toBeUndefined();
    expect(smallTalk(n('hi, who signed it?'), 'en')).toBeUndefined();
  });

  it('questions about the bot’s source', () => {
    for (const q of ['What is your source?', 'where does this information come from', 'How do you know?', 'which article?'])
      expect(asksForSource(n(q), 'en'), q).toBe(true);
    expect(asksForSource(n('Какой у тебя источник?'), 'ru')).toBe(true);
    expect(asksForSource(n('منبع شما چیست؟'), 'fa')).toBe(true);
    expect(asksForSource(n('What is the source of Iran’s gas?'), 'en')).toBe(false);
  });

  it('requests for the overview of everything', () => {
    for (const q of ['summarise everything', 'Give me an overview', 'tl;dr', 'sum it up']) expect(asksForOverview(n(q), 'en'), q).toBe(true);
    expect(asksForOverview(n('кратко обо всём'), 'ru')).toBe(true);
    expect(asksForOverview(n('خلاصه کن'), 'fa')).toBe(true);
    expect(asksForOverview(n('how much gas'), 'en')).toBe(false);
  });

  it('requests the bot does not serve, also when they mention the partnership', () => {
    for (const q of [
      'translate "gas" into French',
      'write a poem about Russia and Iran',
      'tell me a joke about Putin',
      'recommend a book on Iran',
      'predict the rial next year',
    ]) {
      expect(isRequest(n(q), 'en'), q).toBe(true);
    }
    expect(isRequest(n('Переведи на английский'), 'ru')).toBe(true);
    expect(isRequest(n('یک شعر درباره ایران بنویس'), 'fa')).toBe(true);
    for (const q of ['what does the agreement say about gas', 'who wrote the agreement?', 'tell me about the gas deal'])
      expect(isRequest(n(q), 'en'), q).toBe(false);
  });

  it('time: events after the source, the present, and whether something has been done', () => {
    expect(timeOf(n('Has the treaty been ratified yet?'), 'en', 2025)).toMatchObject({ later: true });
    expect(timeOf(n('What was trade in 2026?'), 'en', 2025)).toMatchObject({ later: true });
    expect(timeOf(n('latest news on the gas deal'), 'en', 2025)).toMatchObject({ later: true });
    expect(timeOf(n('Вступил ли договор в силу?'), 'ru', 2025)).toMatchObject({ later: true });
    expect(timeOf(n('آیا توافق تصویب شده است؟'), 'fa', 2025)).toMatchObject({ later: true });
    expect(timeOf(n('Is Iran getting Russian gas now?'), 'en', 2025)).toMatchObject({ later: false, now: true });
    expect(timeOf(n('Is the railway completed?'), 'en', 2025)).toMatchObject({ done: true });
    expect(timeOf(n('When was it signed?'), 'en', 2025)).toEqual({ later: false, now: false, done: false });
    expect(timeOf(n('What about Iran’s recent integration into the EAEU?'), 'en', 2025).later).toBe(false);
  });
});
