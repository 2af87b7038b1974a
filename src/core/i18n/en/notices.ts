/** Short status lines any request can get. */
export const notices = {
  expired: 'This button has expired. Ask again or use /topics.',
  slowDown: 'You are sending messages too fast; I will answer again in a few seconds.',
  tooLong: (max: number) => `That message is very long; I read only its first ${max} characters.`,
  unknownCommand: (command: string) => `Unknown command ${command}. Try /help.`,
  failed: 'Sorry, something went wrong. Please try again.',
  answeredPrivately: (group: string, question: string) =>
    `You asked in “${group}”: “${question}”. The group has had many answers this minute, so here is yours privately.`,
  groupBusy: (handle: string) => `This group has had many answers this minute. Ask me in a private chat (${handle}) and I will answer at once.`,
} as const;
