/** Longest question read; the slash option enforces it, mentions are cut to it. */
export const MAX_QUESTION_LENGTH = 1000;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export interface Question {
  text: string;
  /** The input was longer than MAX_QUESTION_LENGTH and was cut. */
  truncated: boolean;
}

/** User text as a question: the bot's own mentions and control characters removed, length capped. */
export function toQuestion(input: string, botId?: string): Question {
  let text = input.replace(CONTROL, ' ');
  if (botId) text = text.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
  text = text.replace(/\s+/g, ' ').trim();
  const truncated = text.length > MAX_QUESTION_LENGTH;
  return { text: truncated ? text.slice(0, MAX_QUESTION_LENGTH) : text, truncated };
}
