import type { Transformer } from 'grammy';
import type { Logger } from '../../logger.js';
import type { PlatformTelemetry } from '../types.js';

/**
 * API transformer, installed inside @grammyjs/auto-retry: logs every answer
 * auto-retry is about to wait out or retry (429 with its `retry_after`, 5xx),
 * so a bot that is being throttled says so. Other errors (400 chat not found,
 * 403 blocked) reach the update's error boundary and are logged there.
 */
export function logRetriedAnswers(logger: Logger, telemetry?: PlatformTelemetry): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok && (result.error_code === 429 || result.error_code >= 500)) {
      logger.warn({ method, error_code: result.error_code, retry_after: result.parameters?.retry_after }, 'Telegram API answered an error; retrying');
      telemetry?.apiRetry('telegram', result.error_code === 429 ? '429' : '5xx');
    }
    return result;
  };
}
