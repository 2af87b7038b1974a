/** Moderators posting summary cards into channels. */
export const posting = {
  postUsage:
    'Tell me which card to post, for example /card gas; add ru or fa for a Russian or Persian card (/card gas fa). Use /topics to see the topic ids, or /card overview.',
  postNoTarget: 'No channel is configured for summary cards, so there is nowhere to post.',
  postPreview: (channel: string) => `Preview of the card for ${channel}:`,
  postImageButton: 'Post with image',
  postTextButton: 'Post as text',
  cancelButton: 'Cancel',
  posted: (channel: string) => `Posted to ${channel}.`,
  postedLink: (channel: string, link: string) => `Posted the summary card in ${channel}: ${link}`,
  postCancelled: 'Cancelled; nothing was posted.',
  postFailed: (channel: string) => `Posting to ${channel} failed. Please try again later.`,
  postImageFailed: 'I could not draw the card image, so nothing was posted. Try again, or post it as text.',
  postNotMember: 'I am not a member here, so I cannot post. Ask an admin to invite me with the “bot” scope.',
  postBotNotAdmin: (channel: string) =>
    `I am not an administrator of ${channel}, so I cannot post there. Add me to the channel as an administrator allowed to post messages, then try again.`,
  postUnknownChannel: (channel: string) => `I cannot see ${channel}. Ask an admin to give me the View Channel permission there.`,
  postMissingPermissions: (channel: string, permissions: string) =>
    `I cannot post in ${channel}: I lack the ${permissions} permission there. Ask an admin to grant it, or pick another channel.`,
  postRefused: (channel: string, reason: string) => `My post in ${channel} was refused: ${reason}. Ask an admin to check my permissions there.`,
  postNothingHere: 'Cards can be previewed here but not posted: there is no channel to post to.',

  permViewChannel: 'View Channel',
  permSendMessages: 'Send Messages',
  permEmbedLinks: 'Embed Links',
  permAttachFiles: 'Attach Files',
  permMissing: 'Missing Permissions',
  permMissingAccess: 'Missing Access',
} as const;
