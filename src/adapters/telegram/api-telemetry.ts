import { HttpError, type Transformer } from 'grammy';
import type { PlatformTelemetry } from '../types.js';

/**
 * API transformer, installed innermost (it sees every attempt, retries included):
 * counts each call Telegram answered with an error, by its error code, and each
 * that failed at the network level as 'network'.
 */
export function countApiErrors(telemetry: PlatformTelemetry): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) telemetry.apiError('telegram', String(result.error_code));
      return result;
    } catch (err) {
      if (err instanceof HttpError) telemetry.apiError('telegram', 'network');
      throw err;
    }
  };
}
