// The fake's world: users, guilds, channels, messages, reactions, interactions and commands. It outlives every
// gateway session, so a bot that restarts finds its old messages and votes where it left them.
import type {
  APIApplicationCommand,
  APIEmbed,
  APIInteraction,
  APIMessageTopLevelComponent,
  APIRole,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageType,
  OverwriteType,
} from 'discord.js';

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** When set, the bot gets 50007 "Cannot send messages to this user" on DMs. */
  dmsClosed: boolean;
}

export interface FakeMember {
  userId: string;
  roleIds: string[];
  joinedAt: string;
  nick: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: Map<string, APIRole>;
  members: Map<string, FakeMember>;
  channelIds: string[];
}

export interface FakeOverwrite {
  id: string;
  type: OverwriteType;
  allow: bigint;
  deny: bigint;
}

export interface FakeChannel {
  id: string;
  type: ChannelType.GuildText | ChannelType.DM | ChannelType.PublicThread;
  guildId: string | null;
  name: string | null;
  position: number;
  topic: string | null;
  overwrites: Map<string, FakeOverwrite>;
  /** The user on the other side of a DM channel. */
  recipientId: string | null;
  lastMessageId: string | null;
  /** Threads only: the channel the thread belongs to, and who opened it. */
  thread?: { parentId: string; ownerId: string; createdAt: string };
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  description: string | null;
  url: string;
  bytes: Buffer;
  /** The bytes read as UTF-8, for text files. */
  readonly text: string;
}

/** One version of a message's visible parts; `versions` keeps them all, the original first. */
export interface MessageVersion {
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: StoredAttachment[];
  flags: number;
  at: string;
}

export interface ReactionRecord {
  emoji: { id: string | null; name: string; animated?: boolean };
  /** Who reacted, in the order they did. */
  userIds: Set<string>;
}

export interface StoredMessage extends MessageVersion {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  type: MessageType;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  ephemeral: boolean;
  tts: boolean;
  nonce: string | number | null;
  /** The allowed_mentions the sender asked for, as sent (undefined when absent). */
  allowedMentions: unknown;
  /** Who was actually pinged once allowed_mentions was applied. */
  pinged: { users: string[]; roles: string[]; everyone: boolean };
  reference: { messageId: string; channelId: string; guildId: string | null } | null;
  webhookId: string | null;
  interactionId: string | null;
  versions: MessageVersion[];
  reactions: Map<string, ReactionRecord>;
}

export interface CallbackRecord {
  type: InteractionResponseType;
  data: unknown;
  withResponse: boolean;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  userId: string;
  channelId: string;
  guildId: string | null;
  createdAt: number;
  callbacks: CallbackRecord[];
  /** The message `@original` points at: the reply, the deferred placeholder, or the clicked message. */
  originalMessageId: string | null;
  /** The message holding the clicked component, for component interactions. */
  sourceMessageId: string | null;
  followUpIds: string[];
  modal: unknown;
}

export interface CommandRegistration {
  guildId: string | null;
  names: string[];
  at: number;
}

export interface DiscordState {
  token: string;
  applicationId: string;
  botUserId: string;
  users: Map<string, FakeUser>;
  guilds: Map<string, FakeGuild>;
  channels: Map<string, FakeChannel>;
  dmChannelIds: Map<string, string>;
  messages: Map<string, StoredMessage>;
  channelMessages: Map<string, StoredMessage[]>;
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  globalCommands: APIApplicationCommand[];
  guildCommands: Map<string, APIApplicationCommand[]>;
  commandRegistrations: CommandRegistration[];
  /** POST /channels/{id}/typing calls, in order. */
  typing: Array<{ channelId: string; at: number }>;
  /** Files uploaded for slash command attachment options, by attachment id. */
  uploads: Map<string, StoredAttachment>;
}

export function emptyState(token: string, applicationId: string, botUserId: string): DiscordState {
  return {
    token,
    applicationId,
    botUserId,
    users: new Map(),
    guilds: new Map(),
    channels: new Map(),
    dmChannelIds: new Map(),
    messages: new Map(),
    channelMessages: new Map(),
    interactions: new Map(),
    interactionsByToken: new Map(),
    globalCommands: [],
    guildCommands: new Map(),
    commandRegistrations: [],
    typing: [],
    uploads: new Map(),
  };
}
