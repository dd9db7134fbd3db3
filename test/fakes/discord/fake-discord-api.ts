// The FakeDiscord object tests hold: ids of the default world, user actions, interactions, permission switches,
// scripted REST faults, connection tricks, views of everything the bot did, and waits instead of sleeps.
import type { APIApplicationCommand } from 'discord.js';
import type { Check } from './change-feed.ts';
import type { FakeContext } from './context.ts';
import type { Gateway, IdentifyRecord } from './gateway.ts';
import {
  runSlashCommand,
  submitModal,
  useComponent,
  type ComponentSpec,
  type SlashCommandSpec,
} from './interaction-actions.ts';
import { interactionHandle, type InteractionHandle } from './interaction-handle.ts';
import { reactionsOn, visibleMessages, type ReactionSummary } from './inspection.ts';
import { permissionsIn } from './lookups.ts';
import { clearPermissionOverwrites, denyPermissions, setBotRolePermissions } from './permission-controls.ts';
import { permissionNames, type PermissionName } from './permissions.ts';
import type { RestFault } from './rest-faults.ts';
import type { RecordedRestCall } from './rest-server.ts';
import { addUser, type FakeUserOptions } from './seed.ts';
import { createMessage, storeAttachment } from './message-store.ts';
import type { CommandRegistration, DiscordState, FakeChannel, StoredMessage } from './state.ts';
import {
  sendUserMessage,
  userAddsReaction,
  userRemovesReaction,
  type ReactionSpec,
  type UserMessageSpec,
} from './user-actions.ts';

export interface FakeDiscord {
  /** REST base for discord.js: new Client({ rest: { api: fake.apiUrl } }) (it appends /v10/...). */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  /** Same as applicationId, as on Discord. */
  readonly botUserId: string;
  /** The first guild, its first channel, and its channels by name. */
  readonly guildId: string;
  readonly channelId: string;
  readonly channelIds: Readonly<Record<string, string>>;
  /** Test users (not the bot), in the order they were created (users option first, then addUser). */
  readonly userIds: readonly string[];
  userId(username: string): string;
  /** The raw world, for assertions the helpers below do not cover. */
  readonly state: DiscordState;

  addUser(user: string | FakeUserOptions): string;
  /** The user's DM channel with the bot (opened if needed). */
  dmChannelId(userId: string): string;
  /** Makes DMs to the user fail with 50007, as when they block DMs from server members. */
  closeDms(userId: string): void;

  sendMessage(spec: UserMessageSpec): StoredMessage;
  /** A message the bot posted earlier (seeding a history fast): stored, no event sent. */
  seedBotMessage(spec: { channelId: string; content: string }): StoredMessage;
  /** Uploads a file for a slash command's attachment option; pass the returned id as the option's value. */
  uploadFile(file: { filename: string; content: string | Buffer; contentType?: string }): string;
  /** Threads opened in a channel, oldest first. */
  threads(parentChannelId: string): FakeChannel[];
  addReaction(spec: ReactionSpec): boolean;
  removeReaction(spec: ReactionSpec): boolean;
  runSlashCommand(spec: SlashCommandSpec): InteractionHandle;
  clickButton(spec: ComponentSpec): InteractionHandle;
  selectMenu(spec: ComponentSpec & { values: string[] }): InteractionHandle;
  submitModal(shownBy: InteractionHandle, fields: Record<string, string>): InteractionHandle;
  interaction(id: string): InteractionHandle | undefined;

  denyPermissions(channelId: string, names: PermissionName[], userId?: string): void;
  clearPermissionOverwrites(channelId: string): void;
  setBotPermissions(names: PermissionName[], guildId?: string): void;
  botPermissionsIn(channelId: string): PermissionName[];

  /** Messages visible in a channel, oldest first (deleted and ephemeral ones excluded). */
  messages(channelId: string): StoredMessage[];
  /** Any message by id, ephemeral and deleted ones included. */
  message(messageId: string): StoredMessage | undefined;
  reactions(messageId: string): ReactionSummary[];
  /** Commands registered now: global ones, or a guild's. */
  commands(guildId?: string): APIApplicationCommand[];
  readonly commandRegistrations: readonly CommandRegistration[];
  readonly restCalls: readonly RecordedRestCall[];
  /** POST /channels/{id}/typing calls, in order. */
  readonly typing: ReadonlyArray<{ channelId: string; at: number }>;
  readonly identifies: readonly IdentifyRecord[];
  readonly heartbeats: number;
  /** Gateway sessions with an open connection. */
  readonly liveSessions: number;

  /** Resolves with the first truthy result of check, re-run after every change; rejects after timeoutMs (default 5 s). */
  waitFor<T>(check: Check<T>, options?: number | { timeoutMs?: number; description?: string }): Promise<T>;
  /** Resolves with the first message (any channel unless given, ephemeral included) that matches. */
  waitForMessage(
    predicate: (message: StoredMessage) => boolean,
    options?: { channelId?: string; timeoutMs?: number },
  ): Promise<StoredMessage>;
  /** Resolves once this many gateway sessions are connected (default 1). */
  waitForSession(count?: number, timeoutMs?: number): Promise<void>;

  failNextRequest(fault: RestFault): void;
  rateLimitNextRequest(match: Pick<RestFault, 'method' | 'path' | 'retryAfterSeconds' | 'global' | 'times'>): void;
  /** Gateway op 7: clients reconnect and RESUME, replaying what they missed. */
  requestReconnect(): void;
  /** Closes connections as a network failure would; sessions stay resumable. */
  dropConnections(code?: number): void;
  close(): Promise<void>;
}

export interface FakeDiscordParts {
  context: FakeContext;
  gateway: Gateway;
  faults: RestFault[];
  calls: RecordedRestCall[];
  ensureDm(userId: string): string;
  close(): Promise<void>;
}

export function makeFakeDiscordApi({
  context,
  gateway,
  faults,
  calls,
  ensureDm,
  close,
}: FakeDiscordParts): FakeDiscord {
  const { state, changes } = context;
  const guild = [...state.guilds.values()][0];
  if (!guild) throw new Error('fake discord: needs at least one guild');
  const channelIds = Object.fromEntries(guild.channelIds.map((id) => [state.channels.get(id)?.name ?? id, id]));
  const requireChannel = (channelId: string) => {
    const channel = state.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    return channel;
  };

  return {
    apiUrl: `${context.baseUrl}/api`,
    gatewayUrl: `${context.baseUrl.replace(/^http/, 'ws')}/gateway`,
    token: state.token,
    applicationId: state.applicationId,
    botUserId: state.botUserId,
    guildId: guild.id,
    channelId: guild.channelIds[0] ?? '',
    channelIds,
    state,
    get userIds() {
      return [...state.users.values()].filter((user) => user.id !== state.botUserId).map((user) => user.id);
    },
    userId(username) {
      const user = [...state.users.values()].find((candidate) => candidate.username === username);
      if (!user) throw new Error(`fake discord: no user named ${username}`);
      return user.id;
    },
    addUser: (user) => addUser(context, typeof user === 'string' ? { username: user } : user).id,
    dmChannelId: ensureDm,
    closeDms(userId) {
      const user = state.users.get(userId);
      if (!user) throw new Error(`fake discord: unknown user ${userId}`);
      user.dmsClosed = true;
    },
    sendMessage: (spec) => sendUserMessage(context, spec),
    seedBotMessage: ({ channelId, content }) =>
      createMessage(
        { ...context, dispatch: () => undefined },
        { channel: requireChannel(channelId), authorId: state.botUserId, input: { content } },
      ),
    uploadFile(file) {
      const bytes = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
      const stored = storeAttachment(
        context,
        'uploads',
        { index: 0, filename: file.filename, contentType: file.contentType ?? 'text/plain; charset=utf-8', bytes },
        null,
      );
      state.uploads.set(stored.id, stored);
      return stored.id;
    },
    threads: (parentChannelId) =>
      [...state.channels.values()].filter((channel) => channel.thread?.parentId === parentChannelId),
    addReaction: (spec) => userAddsReaction(context, spec),
    removeReaction: (spec) => userRemovesReaction(context, spec),
    runSlashCommand: (spec) => runSlashCommand(context, spec, guild.id),
    clickButton: (spec) => useComponent(context, spec),
    selectMenu: (spec) => useComponent(context, spec, spec.values),
    submitModal: (shownBy, fields) => submitModal(context, shownBy, fields),
    interaction(id) {
      const record = state.interactions.get(id);
      return record ? interactionHandle(context, record) : undefined;
    },
    denyPermissions: (channelId, names, userId) => denyPermissions(context, channelId, names, userId),
    clearPermissionOverwrites: (channelId) => clearPermissionOverwrites(context, channelId),
    setBotPermissions: (names, guildId = guild.id) => setBotRolePermissions(context, guildId, names),
    botPermissionsIn: (channelId) => permissionNames(permissionsIn(state, requireChannel(channelId), state.botUserId)),
    messages: (channelId) => visibleMessages(state, channelId),
    message: (messageId) => state.messages.get(messageId),
    reactions: (messageId) => reactionsOn(state, messageId),
    commands: (guildId) => (guildId ? (state.guildCommands.get(guildId) ?? []) : state.globalCommands),
    commandRegistrations: state.commandRegistrations,
    restCalls: calls,
    typing: state.typing,
    identifies: gateway.identifies,
    get heartbeats() {
      return gateway.heartbeats;
    },
    get liveSessions() {
      return gateway.liveSessions;
    },
    waitFor: (check, options = {}) => {
      const { timeoutMs, description = 'a condition' } = typeof options === 'number' ? { timeoutMs: options } : options;
      return changes.waitFor(check, { timeoutMs, description });
    },
    waitForMessage: (predicate, options = {}) =>
      changes.waitFor(
        () => {
          for (const message of state.messages.values()) {
            if (
              !message.deleted &&
              (!options.channelId || message.channelId === options.channelId) &&
              predicate(message)
            )
              return message;
          }
          return undefined;
        },
        { timeoutMs: options.timeoutMs, description: `a message matching ${predicate.toString().slice(0, 120)}` },
      ),
    waitForSession: async (count = 1, timeoutMs) => {
      await changes.waitFor(() => gateway.liveSessions >= count, {
        timeoutMs,
        description: `${count} connected gateway session(s)`,
      });
    },
    failNextRequest: (fault) => faults.push({ ...fault }),
    rateLimitNextRequest: (match) => faults.push({ ...match, status: 429 }),
    requestReconnect: () => gateway.requestReconnect(),
    dropConnections: (code) => gateway.dropConnections(code),
    close,
  };
}
