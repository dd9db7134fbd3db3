// startFakeDiscord: a local Discord (REST under /api/v10 and a gateway websocket) that the real discord.js client
// logs in to, plus the switches and views tests need. Its world outlives bot restarts; close() frees everything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { createChangeFeed } from './change-feed.ts';
import type { FakeContext } from './context.ts';
import { ensureDmChannel } from './dm-channel.ts';
import { createGateway } from './gateway.ts';
import { createGlobalBudget } from './global-budget.ts';
import { describeState } from './inspection.ts';
import { permissionsIn } from './lookups.ts';
import { makeFakeDiscordApi, type FakeDiscord } from './fake-discord-api.ts';
import type { RestFault } from './rest-faults.ts';
import { createRestHandler, type RecordedRestCall } from './rest-server.ts';
import { commandRoutes } from './routes/command-routes.ts';
import { interactionRoutes } from './routes/interaction-routes.ts';
import { messageRoutes } from './routes/message-routes.ts';
import { reactionRoutes } from './routes/reaction-routes.ts';
import { threadRoutes } from './routes/thread-routes.ts';
import { userGuildRoutes } from './routes/user-guild-routes.ts';
import type { PermissionName } from './permissions.ts';
import {
  addGuild,
  addMember,
  addUser,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  type FakeGuildOptions,
  type FakeUserOptions,
} from './seed.ts';
import { createSnowflakes } from './snowflake.ts';
import { emptyState } from './state.ts';

export type { FakeDiscord } from './fake-discord-api.ts';
export type { InteractionHandle } from './interaction-handle.ts';
export type { ComponentSpec, SlashCommandSpec } from './interaction-actions.ts';
export type { ReactionSummary } from './inspection.ts';
export type { PermissionName } from './permissions.ts';
export type { RestFault } from './rest-faults.ts';
export type { RecordedRestCall } from './rest-server.ts';
export type { FakeGuildOptions, FakeUserOptions } from './seed.ts';
export type { CallbackRecord, MessageVersion, StoredAttachment, StoredMessage } from './state.ts';
export type { ReactionSpec, UserMessageSpec } from './user-actions.ts';

export interface FakeDiscordOptions {
  /** Default: one guild "Dialog Lab" with #general and #votes. */
  guilds?: FakeGuildOptions[];
  /** Members of every guild; the first owns them. Default: alice, bob, carol. */
  users?: Array<string | FakeUserOptions>;
  botUsername?: string;
  /** The managed bot role's permissions (default: what a typical invite grants, no Administrator). */
  botPermissions?: PermissionName[];
  everyonePermissions?: PermissionName[];
  /** Default 41 250 ms, like Discord; lower it to see heartbeats in a test. */
  heartbeatIntervalMs?: number;
  /** Refuse callbacks later than this (Discord: 3000); default null, never, so slow CI does not flake. */
  interactionDeadlineMs?: number | null;
  /** Privileged intents switched on for the app; default all three. */
  privilegedIntents?: Array<'GuildMembers' | 'GuildPresences' | 'MessageContent'>;
  /** Shards GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /** Requests a second the bot token may make before 429 global (default 50, like Discord). */
  globalRequestsPerSecond?: number;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const ids = createSnowflakes();
  const applicationId = ids.next();
  const token = `${Buffer.from(applicationId).toString('base64url')}.fake.${randomBytes(20).toString('base64url')}`;
  const state = emptyState(token, applicationId, applicationId);
  const changes = createChangeFeed(() => describeState(state));
  const privileged = options.privilegedIntents ?? ['GuildMembers', 'GuildPresences', 'MessageContent'];
  const context: FakeContext = {
    state,
    ids,
    changes,
    baseUrl: '',
    settings: {
      interactionDeadlineMs: options.interactionDeadlineMs ?? null,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: privileged.reduce((bits, name) => bits | GatewayIntentBits[name], 0),
      recommendedShards: options.recommendedShards ?? 1,
    },
    dispatch: () => undefined,
    sessionCount: () => 0,
  };
  addUser(context, { username: options.botUsername ?? 'Dialog Lab', bot: true }, applicationId);
  const users = (options.users ?? ['alice', 'bob', 'carol']).map((user) =>
    typeof user === 'string' ? { username: user } : user,
  );
  const created = users.map((user) => addUser(context, user));
  const permissions = {
    everyone: options.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
    bot: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
  };
  for (const guildOptions of options.guilds ?? [{}]) {
    const guild = addGuild(context, guildOptions, created[0]?.id ?? applicationId, permissions);
    created.forEach((user, index) => addMember(context, guild, user.id, users[index]?.permissions));
  }

  const gateway = createGateway(context);
  context.dispatch = (event) => {
    const channel = event.channelId ? state.channels.get(event.channelId) : undefined;
    if (channel && (permissionsIn(state, channel, state.botUserId) & PermissionFlagsBits.ViewChannel) === 0n) return;
    gateway.dispatch(event);
  };
  context.sessionCount = () => gateway.sessionCount;
  const faults: RestFault[] = [];
  const calls: RecordedRestCall[] = [];
  const routes = [
    ...userGuildRoutes(context),
    ...messageRoutes(context),
    ...reactionRoutes(context),
    ...threadRoutes(context),
    ...commandRoutes(context),
    ...interactionRoutes(context),
  ];
  const server = createServer(
    createRestHandler(context, routes, faults, calls, createGlobalBudget(options.globalRequestsPerSecond ?? 50)),
  );
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://fake.invalid').pathname === '/gateway')
      gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  context.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return makeFakeDiscordApi({
    context,
    gateway,
    faults,
    calls,
    ensureDm: (userId) => ensureDmChannel(context, userId).id,
    async close() {
      changes.closeAll('closed');
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  });
}
