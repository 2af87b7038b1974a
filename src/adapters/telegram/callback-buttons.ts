import { Composer, type Context } from 'grammy';
import { t } from '../../core/i18n/index.js';
import { parseCallback } from './callback-data.js';
import type { TelegramDeps } from './deps.js';
import { recordFeedback } from './feedback.js';
import { userLang } from './lang.js';
import { cancelPost, confirmPost } from './post-card.js';
import { openTopic, showTopicsPage } from './topic-buttons.js';

/** Routes inline-button presses by their callback_data; stale or forged data gets a clear alert. Every query is answered. */
export function callbackButtons(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  const posted = new Set<string>();
  composer.on('callback_query:data', async (ctx) => {
    const action = parseCallback(ctx.callbackQuery.data);
    switch (action?.kind) {
      case 'topic':
        return openTopic(ctx, deps, action.topicId, action.lang);
      case 'topics-page':
        return showTopicsPage(ctx, deps, action.page, action.lang);
      case 'post':
        return confirmPost(ctx, deps, action.topicId, action.lang, posted);
      case 'post-image':
        return confirmPost(ctx, deps, action.topicId, action.lang, posted, 'image');
      case 'post-cancel':
        return cancelPost(ctx, action.lang);
      case 'feedback':
        return recordFeedback(ctx, deps, action.topicId, action.vote, action.lang);
      case undefined:
        deps.logger.debug({ update_id: ctx.update.update_id }, 'stale or forged callback data');
        await ctx.answerCallbackQuery({ text: t(userLang(ctx)).expired, show_alert: true });
    }
  });
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
