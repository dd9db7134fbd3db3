// Progress events a running comparison emits, for live rendering (Discord edits, terminal lines).
import type { PipelineResult, StepTrace } from './trace.ts';

export type EngineEvent =
  | { type: 'pipeline-start'; pipelineId: string }
  | { type: 'step-start'; pipelineId: string; step: string }
  | { type: 'text-delta'; pipelineId: string; step: string; delta: string }
  | { type: 'step-end'; pipelineId: string; trace: StepTrace }
  | { type: 'pipeline-end'; result: PipelineResult };

export type EngineListener = (event: EngineEvent) => void;
