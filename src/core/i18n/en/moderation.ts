/** Moderator commands: who may run them where, and what a reload did. */
export const moderation = {
  privateOnly: (command: string) => `Please use ${command} in a private chat with me.`,
  guildOnly: (command: string) => `${command} works only in a server.`,
  operatorsOnly: (command: string) =>
    `${command} is not available here: it acts on the bot everywhere, so the bot’s operators allow it only in their own servers.`,
  moderatorsOnly: (command: string) => `Only moderators can use ${command}.`,
  notOperator: (command: string) => `Only the bot’s operators can use ${command}: it acts on the bot everywhere.`,
  reloadDone: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}).`,
  reloadUnchanged: (topics: number, version: string) => `Data reloaded: ${topics} topics (version ${version}, unchanged).`,
  reloadProcesses: (counts: ReadonlyArray<{ version: string; processes: number }>) =>
    `Running: ${counts.map((c) => `${c.processes} ${c.processes === 1 ? 'process' : 'processes'} on version ${c.version}`).join('; ')}.`,
  reloadRejected: 'Reload rejected; still answering from the previous data.',
  reloadTimedOut: 'Reload timed out and was stopped; still answering from the previous data.',
  reloadWholeFile: '(file)',
  reloadMoreIssues: (count: number) => `… and ${count} more`,
  reportOff: 'Recording is switched off, so there is nothing to report.',
  inboxResolve: (id: number) => `✓ Resolve #${id}`,
  inboxIgnore: (id: number) => `✗ Ignore #${id}`,
  inboxResolved: (id: number) => `Question #${id} marked resolved.`,
  inboxIgnored: (id: number) => `Question #${id} marked ignored.`,
  inboxUnknown: (id: number) => `There is no question #${id} in the inbox (it may have been deleted by retention).`,
  inboxUnavailable: (id: number) => `Question #${id} was not changed: the database cannot be reached right now. Try again later.`,
} as const;
