// Structured logs with pino on stderr: one JSON object a line when stderr is not a terminal (systemd, Docker,
// log shippers), readable coloured lines through pino-pretty when it is. Callers pass messages and ids, never
// settings objects; known secret fields are redacted as a second line of defence.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

/** Ids that tie a line to what a user did; a child logger carries them on every line. */
export interface LogContext {
  comparisonId?: string;
  interactionId?: string;
  guildId?: string;
  command?: string;
  [key: string]: string | number | boolean | undefined;
}

export interface Logger {
  /** Lines for diagnosing, off unless LOG_LEVEL=debug. Optional, so small hand-written loggers (tests) stay valid. */
  debug?(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, error?: unknown, context?: LogContext): void;
  /** A logger adding `bindings` to every line. Optional, so small hand-written loggers (tests) stay valid. */
  child?(bindings: LogContext): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `log` with `bindings` on every line, or `log` itself when it cannot carry context. */
export const withLogContext = (log: Logger, bindings: LogContext): Logger => log.child?.(bindings) ?? log;

// Paths pino blanks out wherever they appear: settings objects, HTTP request options, errors carrying them.
const REDACT = [
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'OPENAI_API_KEY',
  '*.OPENAI_API_KEY',
  'VOTER_HASH_SALT',
  '*.VOTER_HASH_SALT',
  'password',
  '*.password',
  'err.requestBody',
];

const errorFields = (error: unknown) =>
  error === undefined ? {} : error instanceof Error ? { err: error } : { detail: String(error) };

function wrap(base: PinoLogger): Logger {
  return {
    debug: (message, context) => base.debug(context ?? {}, message),
    info: (message, context) => base.info(context ?? {}, message),
    warn: (message, context) => base.warn(context ?? {}, message),
    error: (message, error, context) => base.error({ ...context, ...errorFields(error) }, message),
    child: (bindings) => wrap(base.child(bindings)),
  };
}

export interface LoggerOptions {
  level?: LogLevel;
  quiet?: boolean;
  /** Readable lines instead of JSON; default: when stderr is a terminal. */
  pretty?: boolean;
  /** Fields on every line, e.g. the shard id. */
  bindings?: LogContext;
  /** Where JSON lines go instead of stderr (tests). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.quiet ? 'warn' : (options.level ?? 'info');
  const readable = options.pretty ?? process.stderr.isTTY === true;
  // Synchronous writes: the process may exit right after a fatal line, and that line must not be lost.
  const destination =
    options.destination ??
    (readable
      ? pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : pino.destination({ fd: 2, sync: true }));
  return wrap(
    pino(
      {
        level,
        base: { pid: process.pid, ...options.bindings },
        redact: { paths: REDACT, censor: '[redacted]' },
        serializers: { err: pino.stdSerializers.err },
      },
      destination,
    ),
  );
}
