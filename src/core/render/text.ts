import { t } from '../i18n/index.js';
import type { Reply, TopicRef } from '../reply.js';

/** Longest plain-text reply; longer ones are trimmed with "…". */
export const MAX_TEXT_REPLY = 1500;

function list(topics: readonly TopicRef[]): string {
  return topics.map((x) => `• ${x.title} (${x.id})`).join('\n');
}

function trim(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Plain-text rendering for the console chat and the batch CLI. Pure. */
export function renderText(reply: Reply): string {
  const c = t(reply.lang);
  switch (reply.kind) {
    case 'answer': {
      const lines = [reply.title, reply.lead];
      if (reply.details) lines.push(reply.details);
      if (reply.facts.length) lines.push(`${c.keyFacts}:\n${reply.facts.map((f) => `• ${f.label}: ${f.value}`).join('\n')}`);
      lines.push(reply.source.line);
      if (reply.related.length) lines.push(`${c.related}: ${reply.related.map((r) => r.title).join(' · ')}`);
      return trim(lines.join('\n'), MAX_TEXT_REPLY);
    }
    case 'suggest':
      return `${reply.text}\n${list(reply.suggestions)}`;
    case 'decline':
      return trim(reply.reason === 'empty' ? reply.text : `${reply.text}\n${list(reply.topics)}`, MAX_TEXT_REPLY);
    case 'help':
      return trim(`${reply.title}\n${reply.text}\n${list(reply.topics)}`, MAX_TEXT_REPLY);
    case 'card': {
      const figures = reply.figures.map((f) => `• ${f.value}: ${f.label}`).join('\n');
      return trim(`${c.cardFooter}: ${reply.title}\n${reply.lead}\n${figures}\n${reply.source.line}`, MAX_TEXT_REPLY);
    }
    case 'notice':
      return reply.text;
  }
}
