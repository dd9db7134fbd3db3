// Progress for the terminal while pipelines run: one line per finished step and pipeline on stderr,
// so stdout stays clean for --json.
import type { EngineEvent } from '../engine/events.ts';
import { formatTotals } from '../render/format-totals.ts';

/** `names` are the runs' names in the order asked; an event's run index picks its name (one pipeline may run per model). */
export function progressPrinter(out: NodeJS.WritableStream, names: readonly string[]) {
  const width = Math.max(...names.map((name) => name.length));
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`.padStart(6);
  return {
    onEvent(event: EngineEvent, run: number) {
      const name = (names[run] ?? '').padEnd(width);
      if (event.type === 'step-end') {
        const mark = event.trace.error ? '✗' : '·';
        out.write(
          `${elapsed()} ${name} ${mark} ${event.trace.step}${event.trace.error ? `: ${event.trace.error}` : ''}\n`,
        );
      } else if (event.type === 'pipeline-end') {
        const { result } = event;
        const summary = result.status === 'ok' ? formatTotals(result.totals) : result.failure?.message;
        out.write(`${elapsed()} ${name} ${result.status === 'ok' ? '✓ done' : `✗ ${result.status}`} (${summary})\n`);
      }
    },
    done() {
      out.write('\n');
    },
  };
}
