// What every part of the fake shares: the world, id source, change feed, the gateway's dispatch and settings.
import type { GatewayDispatchEvents } from 'discord.js';
import type { ChangeFeed } from './change-feed.ts';
import type { SnowflakeSource } from './snowflake.ts';
import type { DiscordState } from './state.ts';

export interface GatewayEvent {
  type: GatewayDispatchEvents;
  data: object;
  /** Intent bits of which a session needs at least one to receive the event; 0 sends it to everyone. */
  intents: number;
  /** The data a session without the Message Content intent receives instead. */
  withoutContent?: object;
  /** For message and reaction events: Discord sends them only if the bot can view this channel. */
  channelId?: string;
}

export interface FakeSettings {
  /** Callbacks later than this after INTERACTION_CREATE get 10062 Unknown interaction; null never expires. */
  interactionDeadlineMs: number | null;
  heartbeatIntervalMs: number;
  /** Privileged intents the application has switched on in the portal; others close with 4014. */
  privilegedIntents: number;
  /** `shards` in GET /gateway/bot: what SHARDS=auto starts. */
  recommendedShards: number;
}

export interface FakeContext {
  state: DiscordState;
  ids: SnowflakeSource;
  changes: ChangeFeed;
  settings: FakeSettings;
  /** e.g. http://127.0.0.1:PORT, known once the server listens. */
  baseUrl: string;
  dispatch(event: GatewayEvent): void;
  /** Gateway sessions that exist, connected or waiting to resume. */
  sessionCount(): number;
}

export const nowIso = (): string => new Date().toISOString();
