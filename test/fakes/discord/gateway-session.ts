// One gateway session: its intents, sequence numbers and a bounded backlog of sent events, so a client that
// drops its connection can RESUME and get what it missed (as Discord's session replay does).
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import type { WebSocket } from 'ws';
import type { GatewayEvent } from './context.ts';

const BACKLOG_LIMIT = 10_000;

export interface GatewaySession {
  id: string;
  intents: number;
  largeThreshold: number;
  sequence: number;
  /** [shard id, shard count] from IDENTIFY; [0, 1] when the client does not shard. */
  shard: [number, number];
  socket: WebSocket | null;
  backlog: Array<{ sequence: number; text: string }>;
}

export function wants(session: GatewaySession, event: GatewayEvent): boolean {
  return event.intents === 0 || (session.intents & event.intents) !== 0;
}

const hasContentIntent = (session: GatewaySession): boolean =>
  (session.intents & GatewayIntentBits.MessageContent) !== 0;

/** Serialises an event's data once per variant, however many sessions receive it. */
export function eventSerializer(event: GatewayEvent): (session: GatewaySession) => string {
  let full: string | undefined;
  let redacted: string | undefined;
  return (session) => {
    if (event.withoutContent && !hasContentIntent(session)) return (redacted ??= JSON.stringify(event.withoutContent));
    return (full ??= JSON.stringify(event.data));
  };
}

export function sendDispatch(session: GatewaySession, type: string, dataJson: string): void {
  session.sequence += 1;
  const text = `{"op":${GatewayOpcodes.Dispatch},"t":"${type}","s":${session.sequence},"d":${dataJson}}`;
  session.backlog.push({ sequence: session.sequence, text });
  if (session.backlog.length > BACKLOG_LIMIT) session.backlog.splice(0, session.backlog.length - BACKLOG_LIMIT);
  if (session.socket?.readyState === 1) session.socket.send(text);
}

/** Replays events after `sequence`; false when the backlog no longer reaches back that far. */
export function replay(session: GatewaySession, sequence: number): boolean {
  const first = session.backlog[0]?.sequence ?? session.sequence + 1;
  if (sequence + 1 < first) return false;
  for (const entry of session.backlog) if (entry.sequence > sequence) session.socket?.send(entry.text);
  return true;
}
