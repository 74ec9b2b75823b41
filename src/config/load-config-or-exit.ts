import { AppConfig } from './app-config';
import { ConfigError, loadConfig } from './load-config';

/** Loads config for an entry point; bad config stops the process with a message naming the variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
