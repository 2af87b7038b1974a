import { Client, DefaultRestOptions, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials } from 'discord.js';
import { createCardRenderer } from '../../cards/index.js';
import type { Config } from '../../config.js';
import type { Core } from '../../core/core.js';
import type { Curator } from '../../curator/curator.js';
import type { Logger } from '../../logger.js';
import type { Adapter } from '../types.js';
import { createConcurrencyLimiter } from './concurrency.js';
import type { DiscordContext } from './context.js';
import { apologizeInteraction, apologizeMessage, guard, interactionContext, messageContext } from './error-boundary.js';
import { routeInteraction } from './interaction-router.js';
import { answerMention } from './mentions.js';
import { warnIfModeratorCommandsOpen } from './moderator-guilds.js';
import { createRateLimiter } from './rate-limit.js';
import { makeRequestRetryingDroppedSockets } from './rest-dropped-sockets.js';
import { connectionFailureLogger, logRestRetries } from './rest-retry-log.js';

/**
 * The Discord adapter: one discord.js Client (a shard, when started by the
 * ShardingManager) with no privileged intents and no mentions ever parsed.
 * `config.DISCORD_API_BASE` points REST (and so the gateway URL) at a proxy or a fake.
 * The curator takes 👍/👎 votes and serves /reload and /unanswered; summary-card
 * images are rendered (and cached) from the core's current data.
 * Interactions are started one per event-loop turn, first in, first out, at most
 * DEFAULT_CONCURRENCY in flight, so a burst cannot hold the event loop past Discord's 3 s
 * deadline; REST retries dropped connections and says so in the log (one warning per retry).
 */
export function createDiscordAdapter(config: Config, core: Core, logger: Logger, curator: Curator): Adapter {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = logger.child({ adapter: 'discord' });
  const retries = DefaultRestOptions.retries;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: {
      ...(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}),
      retries,
      makeRequest: makeRequestRetryingDroppedSockets(connectionFailureLogger(log, retries), retries),
    },
  });
  const ctx: DiscordContext = {
    core,
    curator,
    cards: createCardRenderer(core),
    logger: log,
    limiter: createRateLimiter(config.RATE_LIMIT_PER_MINUTE),
    moderatorGuilds: new Set(config.DISCORD_MODERATOR_GUILD_IDS),
  };

  // Interactions and mentions share one queue: a flood of either cannot hold the event loop.
  const handlers = createConcurrencyLimiter();
  client.on(Events.InteractionCreate, (interaction) => {
    void handlers.run(() => guard(log, 'interactionCreate', interactionContext(interaction), () => routeInteraction(interaction, ctx), () => apologizeInteraction(interaction)));
  });
  client.on(Events.MessageCreate, (message) => {
    void handlers.run(() => guard(log, 'messageCreate', messageContext(message), () => answerMention(message, ctx), () => apologizeMessage(message)));
  });
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size, shards: ready.options.shards }, 'discord ready');
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'discord shard disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord shard reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord shard resumed'));
  logRestRetries(client.rest, log);

  return {
    name: 'discord',
    async start() {
      warnIfModeratorCommandsOpen(config, log);
      try {
        await client.login(token);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === DiscordjsErrorCodes.TokenInvalid) {
          throw new Error('DISCORD_TOKEN was rejected by Discord (401 Unauthorized): reset the token in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN to it', { cause: err });
        }
        throw err;
      }
    },
    async stop() {
      await client.destroy();
    },
  };
}
