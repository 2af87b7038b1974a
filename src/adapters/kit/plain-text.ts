import { t } from '../../core/i18n/index.js';
import { cardLead, type Reply, type ReplyAction } from '../../core/reply.js';
import { clip, sanitize } from './text.js';

/** Longest plain-text reply; longer ones are cut with "…". */
export const MAX_TEXT_REPLY = 1500;

export interface TextOptions {
  /** Show what the user can do next as typed commands (the console); off for the batch CLI. */
  actions?: boolean;
}

const bullet = (a: ReplyAction) => `• ${a.label}${a.command ? ` (${a.command})` : ''}`;

/** Actions as lines of typed commands; those without a command (buttons only) are left out. */
function actionLines(reply: Reply): string[] {
  const c = t(reply.lang);
  const by = (group: ReplyAction['group']) => reply.actions.filter((a) => a.group === group && a.command);
  const lines: string[] = [];
  const listed = [...by('suggest'), ...by('choices')];
  if (listed.length) lines.push(...listed.map(bullet));
  const related = by('related');
  if (related.length) lines.push(`${c.related}: ${related.map((a) => `${a.label} (${a.command})`).join(' · ')}`);
  const more = [...by('more'), ...by('vote'), ...by('nav')];
  if (more.length) lines.push(more.map((a) => `${a.label} ${a.command}`).join(' · '));
  return lines;
}

function body(reply: Reply): string[] {
  const c = t(reply.lang);
  switch (reply.kind) {
    case 'answer': {
      const lines = reply.form === 'full' ? [reply.title, reply.lead] : [reply.lead];
      if (reply.details) lines.push(reply.details);
      if (reply.facts.length) lines.push(`${c.keyFacts}:\n${reply.facts.map((f) => `• ${f.label}: ${f.value}`).join('\n')}`);
      lines.push(reply.source.line);
      return lines;
    }
    case 'suggest':
    case 'decline':
    case 'notice':
      return [reply.text];
    case 'help':
      return [reply.title, reply.text, ...(reply.hint ? [reply.hint] : [])];
    case 'card': {
      const figures = reply.figures.map((f) => `• ${f.value}: ${f.label}`);
      return [`${c.cardFooter}: ${reply.title}`, cardLead(reply), ...figures, reply.source.line];
    }
    case 'report':
      return [reply.text];
  }
}

/** A reply as plain text: the console chat and the batch CLI. Pure. */
export function renderText(reply: Reply, opts: TextOptions = {}): string {
  const lines = [...(reply.note ? [reply.note] : []), ...body(reply), ...(opts.actions ? actionLines(reply) : [])];
  return clip(sanitize(lines.join('\n')), MAX_TEXT_REPLY);
}
