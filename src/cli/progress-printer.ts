// Progress for the terminal while pipelines run: one line per finished step and pipeline on stderr,
// so stdout stays clean for --json.
import type { EngineEvent } from '../engine/events.js';
import { formatTotals } from '../render/format-totals.js';

export function progressPrinter(out: NodeJS.WritableStream, pipelineIds: string[]) {
  const width = Math.max(...pipelineIds.map((id) => id.length));
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`.padStart(6);
  return {
    onEvent(event: EngineEvent) {
      if (event.type === 'step-end') {
        const mark = event.trace.error ? '✗' : '·';
        out.write(`${elapsed()} ${event.pipelineId.padEnd(width)} ${mark} ${event.trace.step}${event.trace.error ? `: ${event.trace.error}` : ''}\n`);
      } else if (event.type === 'pipeline-end') {
        const { result } = event;
        const summary = result.status === 'ok' ? formatTotals(result.totals) : result.failure?.message;
        out.write(`${elapsed()} ${result.pipelineId.padEnd(width)} ${result.status === 'ok' ? '✓ done' : `✗ ${result.status}`} (${summary})\n`);
      }
    },
    done() {
      out.write('\n');
    },
  };
}
