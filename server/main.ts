import { ConfigError, loadConfig } from './config/load';
import { createLogger } from './logger';
import { startPreau } from './preau';

/** The process entry point: configuration errors print one line and exit with code 1. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const preau = await startPreau(config, logger);
  const stop = (signal: string): void => {
    preau.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Préau could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
