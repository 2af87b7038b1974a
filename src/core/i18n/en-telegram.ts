/** English interface text used only by the Telegram adapter (merged into the `en` catalogue). */
export const enTelegram = {
} as const;
