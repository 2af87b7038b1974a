import type { feedback as en } from '../en/feedback.js';
import type { SectionOf } from '../section.js';

export const feedback: SectionOf<typeof en> = {
  voteThanks: 'Спасибо за отзыв!',
  voteChanged: 'Оценка изменена. Спасибо!',
  voteSame: 'Ваша оценка уже учтена. Спасибо!',
  voteFailed: 'Извините, сейчас не получилось сохранить вашу оценку. Попробуйте позже.',
  voteNothing: 'Оценивать пока нечего: сначала задайте вопрос.',
  voteUsage: 'Оцените мой последний ответ: /vote up или /vote down.',
};
