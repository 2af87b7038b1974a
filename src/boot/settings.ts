import { type Config, ConfigError, type Environment, loadConfig, readEnvironment, secretsOf } from '../config.js';
import { createLogger, type Logger } from '../logger.js';

/** What every entry point starts from: the validated configuration and the logger made from it. */
export interface Settings {
  config: Config;
  logger: Logger;
}

/**
 * Reads the environment (`.env` in the working directory under the process's own
 * variables), validates it, makes the logger and says once which .env file was
 * read (its path, never a value). A bad setting exits with status 1, naming each
 * variable on stderr.
 */
export function settingsOrExit(given?: Environment, logDestination?: NodeJS.WritableStream): Settings {
  let config: Config;
  let environment: Environment | undefined = given;
  try {
    environment ??= readEnvironment();
    config = loadConfig(environment.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const from = environment?.file ? ` (read with ${environment.file})` : '';
    process.stderr.write(`Cannot start: ${err.message}\nSee .env.example for every variable${from}.\n`);
    process.exit(1);
  }
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: secretsOf(config),
    ...(logDestination ? { destination: logDestination, pretty: false } : {}),
  });
  if (environment.file) logger.info({ envFile: environment.file }, 'settings read from the environment and .env (the environment wins)');
  else logger.debug({ cwd: process.cwd() }, 'no .env file in the working directory; settings from the environment');
  return { config, logger };
}
