// Discord's JSON error answers ({ code, message, errors? }) as a throwable, plus the codes a bot is likely to meet.

export class RestError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors?: Record<string, unknown>;

  constructor(status: number, code: number, message: string, errors?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    if (errors) this.errors = errors;
  }

  get body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

const notFound = (code: number, what: string) => (): RestError => new RestError(404, code, `Unknown ${what}`);

export const discordErrors = {
  unauthorized: () => new RestError(401, 0, '401: Unauthorized'),
  notFound: () => new RestError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new RestError(405, 0, '405: Method Not Allowed'),
  unknownApplication: notFound(10002, 'Application'),
  unknownChannel: notFound(10003, 'Channel'),
  unknownGuild: notFound(10004, 'Guild'),
  unknownMember: notFound(10007, 'Member'),
  unknownMessage: notFound(10008, 'Message'),
  unknownUser: notFound(10013, 'User'),
  unknownEmoji: () => new RestError(400, 10014, 'Unknown Emoji'),
  unknownWebhook: notFound(10015, 'Webhook'),
  unknownInteraction: notFound(10062, 'interaction'),
  unknownCommand: notFound(10063, 'application command'),
  alreadyAcknowledged: () => new RestError(400, 40060, 'Interaction has already been acknowledged.'),
  tooLarge: () => new RestError(413, 40005, 'Request entity too large'),
  missingAccess: () => new RestError(403, 50001, 'Missing Access'),
  cannotEditOthers: () => new RestError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new RestError(400, 50006, 'Cannot send an empty message'),
  cannotMessageUser: () => new RestError(403, 50007, 'Cannot send messages to this user'),
  missingPermissions: () => new RestError(403, 50013, 'Missing Permissions'),
  threadAlreadyExists: () => new RestError(400, 160004, 'A thread has already been created for this message'),
};

export interface FieldError {
  /** Where in the body, e.g. ['embeds', 0, 'description']. */
  path: Array<string | number>;
  code: string;
  message: string;
}

/** 50035 with Discord's nested `errors` object: { embeds: { 0: { description: { _errors: [...] } } } }. */
export function invalidFormBody(fieldErrors: FieldError[]): RestError {
  const errors: Record<string, unknown> = {};
  for (const { path, code, message } of fieldErrors) {
    let node = errors;
    for (const key of path) {
      const name = String(key);
      node[name] ??= {};
      node = node[name] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
    list.push({ code, message });
  }
  return new RestError(400, 50035, 'Invalid Form Body', errors);
}
