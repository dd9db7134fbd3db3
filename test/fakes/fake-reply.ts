// What a test scripts for the fake OpenAI server: the recorded request a handler sees and the reply it
// returns. Handlers can read the prompt (system/user text) to answer like a model would.
import type { IncomingHttpHeaders } from 'node:http';

export interface FakeMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body exactly as the client sent it. */
  body: Record<string, unknown>;
  model: string;
  messages: FakeMessage[];
  stream: boolean;
  /** All system messages joined by blank lines; '' when there are none. */
  system: string;
  /** The last user message; '' when there is none. */
  user: string;
  /** URLs of the image content parts (`image_url`), in order; text parts are in `messages`. */
  images: string[];
  /** Date.now() when the request arrived. */
  time: number;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface FakeReply {
  text?: string;
  /** null: the server reports no usage at all. Default: word counts. */
  usage?: FakeUsage | null;
  /** The model the server claims answered. Default: the requested one. */
  model?: string;
  finishReason?: string;
  /** Wait before sending anything (headers included). */
  delayMs?: number;
  /** An HTTP error status; the body is OpenAI's error shape unless errorBody is given. */
  status?: number;
  errorBody?: object;
  headers?: Record<string, string>;
  /** Never answer; the connection stays open until the client gives up or the fake closes. */
  hang?: boolean;
  /** Streaming only: the content deltas to send. Default: the text split into words. */
  chunks?: string[];
  /** Destroy the socket after this many content deltas; without streaming, any number cuts the JSON body in half. */
  breakAfterChunks?: number;
  chunkDelayMs?: number;
}

export type FakeHandler = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

/** Answers the n-th request with the n-th reply; an unscripted request gets a loud 500. */
export function repliesInOrder(replies: FakeReply[]): FakeHandler {
  return (_request, index) => {
    const reply = replies[index];
    if (!reply) throw new Error(`no scripted reply for request #${index + 1} (only ${replies.length} scripted)`);
    return reply;
  };
}

/** The default: a deterministic echo of the last user message. */
export const echoHandler: FakeHandler = (request) => ({ text: `echo: ${request.user}` });
