import type { Surface } from '../../conversation/request.js';
import type { navigation as en } from '../en/navigation.js';
import type { SectionOf } from '../section.js';

const HINTS: Record<Surface, string> = {
  console: 'Введите вопрос, /help, /topics, /topic <id> или /card <id>. Выход — Ctrl-D.',
  telegram: 'Спрашивайте своими словами, откройте /topics или упомяните меня в группе.',
  discord: 'Используйте /ask, /topic или /topics, упомяните меня в канале или напишите мне в личные сообщения.',
};

export const navigation: SectionOf<typeof en> = {
  topicsButton: 'Темы',
  moreButton: 'Ещё',
  previousButton: 'Назад',
  nextButton: 'Далее',
  pickTopic: 'Выберите тему',
  openInBot: 'Открыть в боте',
  helpHint: (surface: Surface) => HINTS[surface],
};
