import { Client, DefaultRestOptions, DiscordjsErrorCodes, Events, GatewayIntentBits, type Interaction, type Message, Partials, RESTEvents } from 'discord.js';
import { type Config, shardIds } from '../../config.js';
import { createConversation } from '../../core/conversation/conversation.js';
import type { Adapter, AdapterDeps } from '../types.js';
import { answerAutocomplete } from './autocomplete.js';
import { createConcurrencyLimiter } from './concurrency.js';
import { trackShards } from './shard-readiness.js';
import { apologizeInteraction, apologizeMessage, guard, interactionContext, messageContext, placeContext } from './error-boundary.js';
import { sharedIdentifyThrottler } from './identify-throttle.js';
import { discordPermissions, discordPublisher } from './ports.js';
import { commandRequest, componentRequest, deferral, mentionRequest } from './requests.js';
import { makeRequestRetryingDroppedSockets } from './rest-dropped-sockets.js';
import { connectionFailureLogger, logRestRetries } from './rest-retry-log.js';
import { acknowledge, dropDeferred, messageRights, sendReply, sendToMessage } from './send.js';

/**
 * The Discord adapter: one discord.js Client (a shard, when started by the
 * ShardingManager) with no privileged intents and no mentions ever parsed, in
 * front of the core's conversation. `config.DISCORD_API_BASE` points REST (and
 * so the gateway URL) at a proxy or a fake. Interactions and mentions share one
 * FIFO queue, started one per event-loop turn with at most DEFAULT_CONCURRENCY
 * in flight, so a burst cannot hold the loop past Discord's 3 s deadline; REST
 * retries dropped connections and says so in the log.
 */
/** Gateway close codes after which discord.js does not reconnect: authentication failed, bad shard or intents, wrong version. */
const UNRECOVERABLE_CLOSE_CODES = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

export interface DiscordAdapterOptions {
  /** Started by discord.js's ShardingManager (`start:sharded`): the shard comes from the manager, not from DISCORD_SHARDS. */
  managed?: boolean;
}

/**
 * Which shards this process runs: DISCORD_SHARDS as ids out of DISCORD_SHARD_COUNT
 * (a range per host), or 'auto' (Discord's recommended count, every shard here).
 * One Client runs them all: shards share the core, the ports and one REST queue,
 * so each extra shard costs only its gateway connection and its cache.
 */
function shardOptions(config: Config, managed: boolean): { shards?: number[] | 'auto'; shardCount?: number } {
  if (managed) return {};
  if (config.DISCORD_SHARDS === 'auto') return { shards: 'auto' };
  return { shards: shardIds(config.DISCORD_SHARDS), shardCount: config.DISCORD_SHARD_COUNT! };
}

export function createDiscordAdapter(config: Config, deps: AdapterDeps, options: DiscordAdapterOptions = {}): Adapter {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const log = deps.logger.child({ adapter: 'discord' });
  const core = deps.core.forPlatform('discord');
  const retries = DefaultRestOptions.retries;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    ...shardOptions(config, options.managed ?? false),
    // Shard ranges on several hosts identify in turns through the shared store (Discord's limit is per bot).
    ...(deps.store?.shared ? { ws: { buildIdentifyThrottler: sharedIdentifyThrottler(deps.store) } } : {}),
    allowedMentions: { parse: [] },
    rest: {
      ...(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}),
      retries,
      makeRequest: makeRequestRetryingDroppedSockets(connectionFailureLogger(log, retries, deps.telemetry), retries),
    },
  });
  const conversation = createConversation({
    core,
    limiter: deps.limiter,
    contexts: deps.contexts,
    claims: deps.claims,
    log,
    ...(deps.curator ? { curator: deps.curator } : {}),
    permissions: discordPermissions({
      operatorGuilds: new Set(config.DISCORD_MODERATOR_GUILD_IDS),
      moderatorRoles: new Set(config.DISCORD_MODERATOR_ROLE_IDS),
    }),
    publisher: discordPublisher(deps.cards, log, deps.ids),
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  });

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return answerAutocomplete(interaction, core);
    if (!interaction.isChatInputCommand() && !interaction.isMessageComponent()) return;
    const req = interaction.isChatInputCommand() ? commandRequest(interaction, deps.ids) : componentRequest(interaction, deps.ids);
    const defer = deferral(req);
    if (defer) await acknowledge(interaction, defer === 'private');
    const reply = await conversation.handle(req);
    if (reply) return sendReply(interaction, reply);
    log.debug({ event: 'interactionCreate', ...interactionContext(interaction, deps.ids) }, 'flooding user: no reply');
    await dropDeferred(interaction);
  }

  async function onMessage(message: Message): Promise<void> {
    const req = mentionRequest(message, deps.ids);
    if (!req) return;
    const rights = messageRights(message);
    if (!rights.send) return log.debug(placeContext(deps.ids, message), 'mentioned where I may not send messages');
    const reply = await conversation.handle(req);
    if (reply) return sendToMessage(message, reply, rights);
    log.debug({ event: 'messageCreate', ...messageContext(message, deps.ids) }, 'flooding user: no reply');
  }

  const handlers = createConcurrencyLimiter();
  client.on(Events.InteractionCreate, (interaction) => {
    void handlers.run(() =>
      guard(
        log,
        'interactionCreate',
        interactionContext(interaction, deps.ids),
        () => onInteraction(interaction),
        () => apologizeInteraction(interaction),
      ),
    );
  });
  client.on(Events.MessageCreate, (message) => {
    void handlers.run(() =>
      guard(
        log,
        'messageCreate',
        messageContext(message, deps.ids),
        () => onMessage(message),
        () => apologizeMessage(message),
      ),
    );
  });
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size, shards: ready.options.shards, shardCount: ready.options.shardCount }, 'discord ready');
  });
  client.on(Events.ShardReady, (shard) => log.info({ shard }, 'discord shard ready'));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
  const shards = trackShards(client);
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'discord shard disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord shard reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord shard resumed'));
  logRestRetries(client.rest, log, deps.telemetry);

  // A rejected token leaves discord.js half-working (REST drops the token: mentions and posts fail, interactions still
  // answer): the adapter stops for good instead, so the process exits and says why.
  let reportFatal: (err: Error) => void = () => {};
  const fatal = new Promise<Error>((resolve) => (reportFatal = resolve));
  let failed = false;
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    log.fatal({ setting: 'DISCORD_TOKEN' }, err.message);
    reportFatal(err);
  };
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 401 && request.data.auth !== false) {
      fail(
        new Error(
          `DISCORD_TOKEN was rejected by Discord (401 Unauthorized on ${request.method.toUpperCase()} ${request.route}): it was reset or revoked; set the current token from the Developer Portal`,
        ),
      );
    }
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (UNRECOVERABLE_CLOSE_CODES.has(event.code))
      fail(
        new Error(`the Discord gateway closed shard ${shard} for good (close code ${event.code}${event.code === 4004 ? ': DISCORD_TOKEN was rejected' : ''})`),
      );
  });

  return {
    name: 'discord',
    readiness: () => shards.readiness(),
    fatal,
    async start() {
      if (config.DISCORD_MODERATOR_GUILD_IDS.length === 0) {
        log.info(
          { setting: 'DISCORD_MODERATOR_GUILD_IDS' },
          'DISCORD_MODERATOR_GUILD_IDS is not set: /reload and the whole inbox answer in no Discord server; each server’s moderators see only their own server’s questions',
        );
      }
      try {
        await client.login(token);
      } catch (err) {
        if ((err as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid) {
          throw new Error(
            'DISCORD_TOKEN was rejected by Discord (401 Unauthorized): reset the token in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN to it',
            { cause: err },
          );
        }
        throw err;
      }
    },
    async stop() {
      shards.stopping();
      await client.destroy();
    },
  };
}
