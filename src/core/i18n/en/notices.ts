/** Short status lines any request can get. */
export const notices = {
  expired: 'This button has expired. Ask again or use /topics.',
  slowDown: 'You are sending messages too fast; I will answer again in a few seconds.',
  tooLong: (max: number) => `That message is very long; I read only its first ${max} characters.`,
  unknownCommand: (command: string) => `Unknown command ${command}. Try /help.`,
  failed: 'Sorry, something went wrong. Please try again.',
} as const;
