import type { Transformer } from 'grammy';

/**
 * API transformer: the first answer 401 Unauthorized (a revoked or replaced
 * token) is reported once, so the adapter stops for good and the process
 * exits instead of running deaf. Installed outermost: it sees every call's
 * final answer.
 */
export function reportUnauthorized(report: (err: Error) => void): Transformer {
  let reported = false;
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 401 && !reported) {
      reported = true;
      report(
        new Error(
          `TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized on ${method}): it was revoked or replaced; set the current token from @BotFather`,
        ),
      );
    }
    return result;
  };
}
