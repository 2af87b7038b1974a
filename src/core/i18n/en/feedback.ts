/** 👍 / 👎 under answers. */
export const feedback = {
  voteThanks: 'Thanks for your feedback!',
  voteChanged: 'Vote changed. Thanks!',
  voteSame: 'Your vote is already recorded. Thanks!',
  voteFailed: 'Sorry, I could not record your vote right now. Please try again later.',
  voteNothing: 'There is no answer to rate yet: ask a question first.',
  voteUsage: 'Rate my last answer with /vote up or /vote down.',
} as const;
