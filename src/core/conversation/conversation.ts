import { supportedLang, detectLanguage } from '../text/lang.js';
import type { AnswerReply, Reply } from '../reply.js';
import { type Action, decodeAction } from './actions.js';
import type { ConversationDeps, Turn } from './command.js';
import { argsFromText, findCommand } from './commands.js';
import { cancel, post } from './features/card.js';
import { askQuestion } from './features/ask.js';
import { openTopic } from './features/topic.js';
import { pick, topicsButton, topicsPage } from './features/topics.js';
import { decideButton } from './features/unanswered.js';
import { voteButton } from './features/vote.js';
import { expired, refusal, slowDown, unknownCommand } from './notices.js';
import type { Privilege, Refusal } from './ports.js';
import type { Request } from './request.js';
import type { Lang } from '../data/schema.js';

/**
 * One conversation engine per surface: every request of that surface comes
 * through `handle`, which applies the flood limit and the permission checks
 * once, then runs the command, button or question. Adapters turn platform
 * events into requests and render what comes back; nothing else.
 */
export interface Conversation {
  /** The reply to a request; undefined when the bot should stay silent (a user over their flood budget, told once already). */
  handle(req: Request): Promise<Reply | undefined>;
  /**
   * Topics answering a partial query, as answers (inline mode). It spends the
   * user's flood budget like a message: over it, no results, and the first
   * time `slowDown` says to tell them.
   */
  search(req: Request, query: string, limit: number): Promise<{ lang: Lang; results: AnswerReply[]; slowDown?: string }>;
}

/**
 * Who may press what, and the command whose right it is: posting a previewed card needs /card's, deciding on an inbox
 * question /unanswered's (and then the question must be in the presser's inbox scope: see decideButton).
 */
const ACTION_PRIVILEGE: Partial<Record<Action['kind'], { privilege: Privilege; command: string }>> = {
  post: { privilege: 'moderator', command: 'card' },
  cancel: { privilege: 'moderator', command: 'card' },
  decide: { privilege: 'moderator', command: 'unanswered' },
};

/** The language of interface text for a request: fixed by its origin, else the question's script, else the user's platform language. */
function uiLang(req: Request): Lang {
  if (req.lang) return req.lang;
  if (req.input.kind === 'question') return detectLanguage(req.input.text, req.langHint);
  return supportedLang(req.langHint) ?? 'en';
}

export function createConversation(deps: ConversationDeps): Conversation {
  /** Refusals already logged: the command that returns one is not logged again as run. */
  const refusals = new WeakSet<Reply>();
  function refuse(req: Request, lang: Lang, name: string, why: Refusal): Reply {
    deps.log.info({ surface: req.surface, user: req.user, command: name, result: why }, 'privileged request refused');
    const reply = refusal(lang, name, why);
    refusals.add(reply);
    return reply;
  }

  async function allowed(turn: Turn, privilege: Privilege | undefined, name: string): Promise<Reply | undefined> {
    if (!privilege) return undefined;
    const verdict = await deps.permissions.check(turn.req, privilege);
    return verdict === true ? undefined : turn.refuse(name, verdict);
  }

  async function command(turn: Turn, input: Extract<Request['input'], { kind: 'command' }>): Promise<Reply | undefined> {
    const spec = findCommand(input.name);
    if (!spec) return unknownCommand(turn.lang, input.name);
    const refused = await allowed(turn, spec.privilege, spec.name);
    if (refused) return refused;
    const args = input.text !== undefined && Object.keys(input.args).length === 0 ? argsFromText(spec, input.text) : input.args;
    const reply = await spec.run(turn, args);
    if (spec.privilege && !(reply && refusals.has(reply))) {
      const result = reply?.kind === 'notice' ? reply.level : (reply?.kind ?? 'none');
      deps.log.info({ surface: turn.req.surface, user: turn.req.user, command: spec.name, result }, 'privileged command');
    }
    return reply;
  }

  async function press(turn: Turn, input: Extract<Request['input'], { kind: 'action' }>): Promise<Reply> {
    const action = decodeAction(input.data);
    if (!action) {
      deps.log.debug({ surface: turn.req.surface }, 'stale or forged action');
      return expired(turn.lang);
    }
    const at: Turn = { ...turn, lang: action.lang, refuse: (name, why) => refuse(turn.req, action.lang, name, why) };
    const needs = ACTION_PRIVILEGE[action.kind];
    const refused = needs && (await allowed(at, needs.privilege, needs.command));
    if (refused) return refused;
    switch (action.kind) {
      case 'topic':
      case 'more':
        return openTopic(at, action);
      case 'topics':
        return topicsButton(at, action);
      case 'page':
        return topicsPage(at, action);
      case 'pick':
        return pick(at, action, input.value);
      case 'vote':
        return voteButton(at, action);
      case 'post':
        return post(at, action);
      case 'cancel':
        return cancel(at, action);
      case 'decide':
        return decideButton(at, action);
    }
  }

  function run(turn: Turn, input: Request['input']): Promise<Reply | undefined> {
    switch (input.kind) {
      case 'question':
        return askQuestion(turn, input.text);
      case 'command':
        return command(turn, input);
      case 'action':
        return press(turn, input);
    }
  }

  return {
    async handle(req) {
      const lang = uiLang(req);
      const turn: Turn = { req, lang, deps, refuse: (name, why) => refuse(req, lang, name, why) };
      const started = performance.now();
      const budget = await deps.limiter.take(req.user);
      if (budget !== 'ok') {
        deps.telemetry?.limited(req.surface, budget);
        return budget === 'notice' ? slowDown(turn.lang) : undefined;
      }
      const reply = await run(turn, req.input);
      deps.telemetry?.handled(req.surface, req.input.kind, (performance.now() - started) / 1000);
      return reply;
    },
    async search(req, query, limit) {
      const lang = detectLanguage(query, req.langHint);
      const budget = await deps.limiter.take(req.user);
      if (budget !== 'ok') deps.telemetry?.limited(req.surface, budget);
      if (budget === 'notice') return { lang, results: [], slowDown: slowDown(lang).text };
      if (budget === 'silent') return { lang, results: [] };
      const results = deps.core.searchTopics(query, limit, lang).flatMap((ref) => {
        const reply = deps.core.topic(ref.id, lang);
        return reply.kind === 'answer' ? [reply] : [];
      });
      return { lang, results };
    },
  };
}
