/** English interface text used only by the Discord adapter (merged into the `en` catalogue). */
export const enDiscord = {
} as const;
