// A small levelled logger on stderr. Callers pass messages, never settings objects, so tokens and keys
// cannot end up in logs by accident.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(options: { quiet?: boolean } = {}): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (message) => {
      if (!options.quiet) console.error(`${stamp()} info  ${message}`);
    },
    warn: (message) => console.error(`${stamp()} warn  ${message}`),
    error: (message, error) => console.error(`${stamp()} error ${message}${error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : ` ${String(error)}`}`),
  };
}
