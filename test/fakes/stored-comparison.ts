// Builds comparison records for store tests: a user conversation, and slot results whose traces carry the model
// inputs, so tests can see that forgetting a conversation also reaches the traces.
import { SLOT_LETTERS, type ComparisonRecord } from '../../src/records/comparisons/comparison.ts';
import type { PipelineResult } from '../../src/engine/trace.ts';

export function aResult(pipelineId: string, question = 'What is a good name for a grey cat?'): PipelineResult {
  return {
    pipelineId,
    label: `${pipelineId} pipeline`,
    status: 'ok',
    answer: `${pipelineId}: Pebble`,
    trace: [
      {
        step: 'draft',
        kind: 'generate',
        model: 'test-model',
        params: { temperature: 0.7 },
        inputMessages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: question },
        ],
        outputText: `${pipelineId}: Pebble`,
        tokensIn: 12,
        tokensOut: 3,
        latencyMs: 40,
        costUsd: null,
      },
    ],
    totals: { calls: 1, tokensIn: 12, tokensOut: 3, costUsd: null, latencyMs: 40 },
  };
}

export function aStoredComparison(
  overrides: Partial<ComparisonRecord> & { pipelines?: string[] } = {},
): ComparisonRecord {
  const { pipelines = ['plain', 'cot', 'rules', 'constitution'], ...rest } = overrides;
  return {
    id: 'comparison-1',
    createdAt: '2026-11-01T10:00:00.000Z',
    guildId: 'guild-1',
    channelId: 'channel-1',
    messageId: null,
    requesterHash: 'requester-1',
    conversation: [{ role: 'user', content: 'What is a good name for a grey cat?' }],
    slots: pipelines.map((pipelineId, index) => ({ letter: SLOT_LETTERS[index] ?? '?', pipelineId, result: null })),
    status: 'running',
    ...rest,
  };
}
