import { type Config, ConfigError, loadConfig } from '../config.js';

/** Parses the environment or exits with status 1, naming each bad variable on stderr. */
export function configOrExit(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Cannot start: ${err.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
}
