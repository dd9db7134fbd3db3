// The composition root: settings, services, Discord client, bot. `npm start` runs this file.
import { DiscordjsError, DiscordjsErrorCodes } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { commands } from '../commands/index.js';
import { buildServices } from './app/build-services.js';
import { startOpsServer } from './app/start-ops-server.js';
import { createBot } from './bot/create-bot.js';
import { createClient } from './bot/create-client.js';
import { CatalogError } from './catalog/load-catalog.js';
import { ConfigError, loadBotSettings } from './config/env.js';
import { createLogger } from './log/logger.js';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const settings = loadBotSettings(process.env);
  const log = createLogger({ level: settings.LOG_LEVEL });
  const services = await buildServices(settings, log, { watchPrompts: true });
  log.info(`store: ${services.store.backend} at ${services.store.location}; model server: ${new URL(settings.OPENAI_BASE_URL).origin}`);
  const bot = createBot(createClient({ apiUrl: settings.DISCORD_API_URL }), commands, services);
  const ops = settings.METRICS_PORT === undefined ? undefined : await startOpsServer({ port: settings.METRICS_PORT, host: settings.METRICS_HOST, client: bot.client, services });
  if (ops) log.info(`metrics and health checks on http://${settings.METRICS_HOST}:${ops.port} (/metrics, /healthz, /readyz)`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing running answers, then disconnecting`);
    bot
      .stop()
      .then(() => ops?.server.close())
      .then(() => services.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await bot.start(settings.DISCORD_TOKEN);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CatalogError) {
    console.error(`Cannot start: ${error.message}`);
  } else if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
    console.error('Cannot start: Discord rejected DISCORD_TOKEN. Copy the token again from the Developer Portal (Bot tab).');
  } else {
    console.error('Cannot start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
