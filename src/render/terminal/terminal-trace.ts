// Pure text of a pipeline's trace for `--trace`: every model call with its figures, note and output.
import type { PipelineResult } from '../../engine/trace.ts';
import { formatCost, formatSeconds } from '../format-totals.ts';

const excerpt = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function renderTrace(result: PipelineResult, maxOutput = 300): string {
  const lines = [`── ${result.label} (${result.pipelineId}): ${result.status}`];
  for (const step of result.trace) {
    const figures = `${step.kind} · ${step.model} · ${step.tokensIn}+${step.tokensOut} tok · ${formatSeconds(step.latencyMs)} · ${formatCost(step.costUsd)}`;
    lines.push(`  ${step.step}  [${figures}]`);
    if (step.note) lines.push(`    note: ${step.note}`);
    if (step.error) lines.push(`    error: ${step.error}`);
    if (step.outputText) lines.push(`    → ${excerpt(step.outputText, maxOutput)}`);
  }
  return lines.join('\n');
}
