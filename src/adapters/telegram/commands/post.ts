import { Composer, type Context } from 'grammy';
import type { TelegramDeps } from '../deps.js';
import { requestPost } from '../post-card.js';

/** /post <topic id> [en|ru|fa]: a moderator's card preview (the flow is in post-card.ts). */
export function postCommand(deps: TelegramDeps): Composer<Context> {
  const composer = new Composer();
  composer.command('post', (ctx) => requestPost(ctx, deps, ctx.match));
  return composer;
}
