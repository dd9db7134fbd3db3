// The fake gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, HEARTBEAT -> ACK, RESUME with replay, member
// requests, and Discord's close codes; dispatch() fans events out to sessions whose intents ask for them. Sharded
// sessions (IDENTIFY's `shard`) see only their guilds, (guild_id >> 22) % num_shards, and DMs go to shard 0.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FakeContext, GatewayEvent } from './context.ts';
import { eventSerializer, replay, sendDispatch, wants, type GatewaySession } from './gateway-session.ts';
import { guildCreatePayload, memberPayload, userPayload } from './payloads.ts';
import { guildOfEvent, shardOfGuild } from './shard-routing.ts';

export interface IdentifyRecord {
  intents: number;
  /** e.g. ['Guilds', 'GuildMessages', 'MessageContent']. */
  intentNames: string[];
  largeThreshold: number;
  shard: [number, number] | null;
  at: number;
}

const Frame = z.looseObject({ op: z.number().int(), d: z.unknown() });
const Identify = z.looseObject({
  token: z.string(),
  intents: z.number().int().nonnegative(),
  large_threshold: z.number().int().optional(),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
});
const Resume = z.looseObject({ token: z.string(), session_id: z.string(), seq: z.number().int().nullable() });
const RequestMembers = z.looseObject({
  guild_id: z.string(),
  query: z.string().optional(),
  limit: z.number().int().optional(),
  user_ids: z.union([z.string(), z.array(z.string())]).optional(),
  nonce: z.string().optional(),
});

const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((bit): bit is number => typeof bit === 'number')
  .reduce((all, bit) => all | bit, 0);
export const intentNames = (intents: number): string[] =>
  Object.entries(GatewayIntentBits)
    .filter(([, bit]) => typeof bit === 'number' && (intents & bit) !== 0)
    .map(([name]) => name);

export function createGateway(context: FakeContext) {
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sessions = new Map<string, GatewaySession>();
  const identifies: IdentifyRecord[] = [];
  const sockets = new Set<WebSocket>();
  let heartbeats = 0;
  const gatewayUrl = () => `${context.baseUrl.replace(/^http/, 'ws')}/gateway`;
  const closedByServer = new WeakSet<WebSocket>();
  const send = (socket: WebSocket, op: GatewayOpcodes, d: unknown): void =>
    socket.send(JSON.stringify({ op, d, s: null, t: null }));
  const refuse = (socket: WebSocket, code: GatewayCloseCodes, reason: string): null => {
    socket.close(code, reason);
    return null;
  };

  function identify(socket: WebSocket, data: unknown): GatewaySession | null {
    const parsed = Identify.safeParse(data);
    if (!parsed.success) return refuse(socket, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    const { token, intents, large_threshold: largeThreshold = 50, shard } = parsed.data;
    if (token !== context.state.token)
      return refuse(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if ((intents & ~ALL_INTENTS) !== 0) return refuse(socket, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
    const privileged =
      GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
    if ((intents & privileged & ~context.settings.privilegedIntents) !== 0) {
      return refuse(socket, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
    }
    const [shardId, shardCount] = shard ?? [0, 1];
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount)
      return refuse(socket, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
    identifies.push({
      intents,
      intentNames: intentNames(intents),
      largeThreshold,
      shard: shard ?? null,
      at: Date.now(),
    });
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      largeThreshold,
      sequence: 0,
      shard: [shardId, shardCount],
      socket,
      backlog: [],
    };
    sessions.set(session.id, session);
    const { state } = context;
    const guilds = [...state.guilds.values()].filter(
      (guild) => guild.members.has(state.botUserId) && shardOfGuild(guild.id, shardCount) === shardId,
    );
    sendDispatch(
      session,
      GatewayDispatchEvents.Ready,
      JSON.stringify({
        v: 10,
        user_settings: {},
        user: userPayload(state, state.botUserId),
        session_type: 'normal',
        guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
        session_id: session.id,
        resume_gateway_url: gatewayUrl(),
        shard: shard ?? [0, 1],
        application: { id: state.applicationId, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
      }),
    );
    if ((intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of guilds) {
        sendDispatch(
          session,
          GatewayDispatchEvents.GuildCreate,
          JSON.stringify(guildCreatePayload(state, guild, largeThreshold)),
        );
      }
    }
    context.changes.notify();
    return session;
  }

  function resume(socket: WebSocket, data: unknown): GatewaySession | null {
    const parsed = Resume.safeParse(data);
    const session = parsed.success ? sessions.get(parsed.data.session_id) : undefined;
    if (!parsed.success || !session || parsed.data.token !== context.state.token || session.socket) {
      send(socket, GatewayOpcodes.InvalidSession, false);
      return null;
    }
    session.socket = socket;
    if (!replay(session, parsed.data.seq ?? 0)) {
      session.socket = null;
      sessions.delete(session.id);
      send(socket, GatewayOpcodes.InvalidSession, false);
      return null;
    }
    sendDispatch(session, GatewayDispatchEvents.Resumed, '{}');
    context.changes.notify();
    return session;
  }

  function requestMembers(session: GatewaySession, data: unknown): void {
    const parsed = RequestMembers.safeParse(data);
    const guild = parsed.success ? context.state.guilds.get(parsed.data.guild_id) : undefined;
    if (!parsed.success || !guild) return;
    const { query = '', limit = 0, user_ids: userIds, nonce } = parsed.data;
    const wanted = userIds === undefined ? null : new Set(Array.isArray(userIds) ? userIds : [userIds]);
    const members = [...guild.members.values()].filter((member) =>
      wanted
        ? wanted.has(member.userId)
        : context.state.users.get(member.userId)?.username.toLowerCase().startsWith(query.toLowerCase()),
    );
    const chosen = limit > 0 ? members.slice(0, limit) : members;
    sendDispatch(
      session,
      GatewayDispatchEvents.GuildMembersChunk,
      JSON.stringify({
        guild_id: guild.id,
        members: chosen.map((member) => memberPayload(context.state, member)),
        chunk_index: 0,
        chunk_count: 1,
        ...(wanted ? { not_found: [...wanted].filter((id) => !guild.members.has(id)) } : {}),
        ...(nonce ? { nonce } : {}),
      }),
    );
  }

  function onConnection(socket: WebSocket, request: IncomingMessage): void {
    sockets.add(socket);
    const query = new URL(request.url ?? '/', 'http://fake.invalid').searchParams;
    if (query.get('v') !== '10') return socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    let session: GatewaySession | null = null;
    send(socket, GatewayOpcodes.Hello, { heartbeat_interval: context.settings.heartbeatIntervalMs });
    socket.on('message', (raw: RawData) => {
      let frame: z.infer<typeof Frame>;
      try {
        frame = Frame.parse(JSON.parse(raw.toString()));
      } catch {
        return socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      }
      if (frame.op === GatewayOpcodes.Heartbeat) {
        heartbeats += 1;
        send(socket, GatewayOpcodes.HeartbeatAck, null);
        context.changes.notify();
      } else if (frame.op === GatewayOpcodes.Identify || frame.op === GatewayOpcodes.Resume) {
        if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        session = frame.op === GatewayOpcodes.Identify ? identify(socket, frame.d) : resume(socket, frame.d);
      } else if (!session) {
        socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      } else if (frame.op === GatewayOpcodes.RequestGuildMembers) {
        requestMembers(session, frame.d);
      } else if (frame.op !== GatewayOpcodes.PresenceUpdate && frame.op !== GatewayOpcodes.VoiceStateUpdate) {
        socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
    socket.on('close', (code: number) => {
      sockets.delete(socket);
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // Discord ends a session the client closes with 1000/1001; other closes leave it resumable.
      if (!closedByServer.has(socket) && (code === 1000 || code === 1001)) sessions.delete(session.id);
      context.changes.notify();
    });
  }

  server.on('connection', onConnection);

  return {
    identifies,
    get heartbeats() {
      return heartbeats;
    },
    /** Sessions with an open, identified connection. */
    get liveSessions() {
      return [...sessions.values()].filter((session) => session.socket !== null).length;
    },
    /** Sessions that exist, connected or waiting to resume. */
    get sessionCount() {
      return sessions.size;
    },
    dispatch(event: GatewayEvent): void {
      const serialize = eventSerializer(event);
      const guildId = guildOfEvent(context.state, event);
      const onShard = (session: GatewaySession) =>
        session.shard[0] === (guildId === null ? 0 : shardOfGuild(guildId, session.shard[1]));
      for (const session of sessions.values())
        if (wants(session, event) && onShard(session)) sendDispatch(session, event.type, serialize(session));
    },
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      server.handleUpgrade(request, socket, head, (client) => server.emit('connection', client, request));
    },
    /** Sends op 7 RECONNECT: clients close and RESUME their session. */
    requestReconnect(): void {
      for (const socket of sockets) send(socket, GatewayOpcodes.Reconnect, null);
    },
    /** Closes every connection as a network failure would (sessions stay resumable). */
    dropConnections(code = 4000): void {
      for (const socket of sockets) {
        closedByServer.add(socket);
        socket.close(code, 'fake discord dropped the connection');
      }
    },
    close(): Promise<void> {
      for (const socket of sockets) socket.terminate();
      sessions.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
