// The shapes the fake's REST router passes around: a parsed request, an answer, and a route.

export interface UploadedFile {
  /** n in the multipart field name files[n]; attachment ids in the body refer to it. */
  index: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RestRequest {
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** JSON body, or payload_json of a multipart body; undefined when there was none. */
  body: unknown;
  files: UploadedFile[];
}

export interface RestReply {
  status: number;
  body?: unknown;
}

export type RouteHandler = (request: RestRequest) => RestReply | Promise<RestReply>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. /channels/:channelId/messages/:messageId; a literal segment beats a parameter only by coming first. */
  pattern: string;
  /** Whether the request must carry "Authorization: Bot <token>" (interaction webhooks do not). */
  auth: boolean;
  handle: RouteHandler;
}

export const json = (body: unknown, status = 200): RestReply => ({ status, body });
export const noContent = (): RestReply => ({ status: 204 });
