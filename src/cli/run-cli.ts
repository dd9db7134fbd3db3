// How every tool in src/cli ends: the exit code from `main`; a usage mistake prints the usage (exit 2); a mistake in
// the settings or input prints its message (exit 2); a refusal the operator can act on prints its message (exit 1);
// anything else exit 1. Known failures never print a stack trace.
import { ConfigError } from '../config/env.ts';
import { UsageError } from './parse-cli-args.ts';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface CliEnding {
  usage: string;
  /** Mistakes the user fixes from the message alone (exit 2). ConfigError always counts. */
  mistakes?: ErrorClass[];
  /** Refusals to act on (a file of a newer version, a store that cannot be opened): exit 1 with the message. */
  refusals?: ErrorClass[];
  /** When given ("back up"), messages read "Cannot back up: …", and a missing file is named. */
  action?: string;
}

export function runCli(main: () => Promise<number>, ending: CliEnding): void {
  const say = (message: string) =>
    console.error(ending.action === undefined ? message : `Cannot ${ending.action}: ${message}`);
  const isOneOf = (error: unknown, classes: ErrorClass[]) => classes.some((known) => error instanceof known);
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${ending.usage}`);
        process.exitCode = 2;
      } else if (isOneOf(error, [ConfigError, ...(ending.mistakes ?? [])])) {
        say((error as Error).message);
        process.exitCode = 2;
      } else if (isOneOf(error, ending.refusals ?? [])) {
        say((error as Error).message);
        process.exitCode = 1;
      } else if (ending.action !== undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        say(`there is no file ${(error as NodeJS.ErrnoException).path ?? ''}`);
        process.exitCode = 1;
      } else {
        if (ending.action === undefined) console.error(error);
        else console.error(`Could not ${ending.action}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    },
  );
}
