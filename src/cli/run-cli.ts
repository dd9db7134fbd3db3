// How the store tools end: the exit code from `main`; a usage mistake prints the usage (exit 2); a settings
// mistake or a refusal the operator can act on prints one line (exit 2 and 1); anything else one line (exit 1).
// Never a stack trace for a failure that has a message.
import { ConfigError } from '../config/env.js';
import { UsageError } from './parse-cli-args.js';

type ErrorClass = abstract new (...args: never[]) => Error;

export function runCli(main: () => Promise<number>, options: { usage: string; action: string; refusals?: ErrorClass[] }): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${options.usage}`);
        process.exitCode = 2;
      } else if (error instanceof ConfigError) {
        console.error(`Cannot ${options.action}: ${error.message}`);
        process.exitCode = 2;
      } else if ((options.refusals ?? []).some((refusal) => error instanceof refusal)) {
        console.error(`Cannot ${options.action}: ${(error as Error).message}`);
        process.exitCode = 1;
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`Cannot ${options.action}: there is no file ${(error as NodeJS.ErrnoException).path ?? ''}`);
        process.exitCode = 1;
      } else {
        console.error(`Could not ${options.action}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    },
  );
}
