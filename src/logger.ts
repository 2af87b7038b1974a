import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Shapes of bot tokens and interaction tokens, scrubbed from every log line whatever field carries them. */
const TOKEN_PATTERNS = [
  /\d{5,}:[A-Za-z0-9_-]{30,}/g, // Telegram bot token (also inside grammY's request URLs)
  /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g, // Discord bot token
  /(\/(?:interactions|webhooks)\/\d+\/)[A-Za-z0-9_.-]{20,}/g, // Discord interaction/webhook tokens in URLs
];

/** Every form a configured secret can take in a log line: as is, URL-encoded and JSON-escaped (longest first). */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * A log line with every configured secret (whatever its length) and every
 * token-shaped string replaced by "[secret]".
 */
export function scrubSecrets(line: string, secrets: readonly string[] = []): string {
  return scrub(line, secretForms(secrets));
}

function scrub(line: string, forms: readonly string[]): string {
  let out = line;
  for (const s of forms) out = out.split(s).join('[secret]');
  for (const re of TOKEN_PATTERNS)
    out = out.replace(re, (m, prefix?: string) => (typeof prefix === 'string' && m.startsWith(prefix) ? `${prefix}[secret]` : '[secret]'));
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Known secret values (tokens from the config) to scrub besides the token shapes. */
  secrets?: readonly string[];
  /** Human-readable output; defaults to whether stderr is a terminal. */
  pretty?: boolean;
  /** Where lines go; defaults to stderr so stdout stays clean for the CLI. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const forms = secretForms(opts.secrets ?? []);
  const usePretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  const destination = opts.destination ?? (usePretty ? pretty({ destination: 2, colorize: true, sync: true }) : pino.destination({ dest: 2, sync: true }));
  return pino(
    {
      level: opts.level,
      base: undefined,
      redact: {
        paths: [
          'token',
          '*.token',
          'config.DISCORD_TOKEN',
          'config.TELEGRAM_BOT_TOKEN',
          'config.TELEGRAM_WEBHOOK_SECRET',
          'err.url',
          'err.requestBody',
          // grammY's GrammyError carries the call's payload: chat ids, message text, a webhook's secret_token.
          'err.payload',
          'err.error.payload',
          'err.rawError.url',
          'err.error.url',
          'headers.authorization',
          'req.headers.authorization',
          'req.headers["x-telegram-bot-api-secret-token"]',
        ],
        censor: '[secret]',
      },
      hooks: {
        streamWrite: (line) => scrub(line, forms),
      },
    },
    destination,
  );
}
