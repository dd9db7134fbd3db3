// Prometheus metrics for the whole bot, on a registry of its own (two bots in one process, as in tests, never
// share counters). Code reports through named methods; only the /metrics route reads the registry.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PipelineResult } from '../engine/trace.ts';
import type { FailureKind } from '../llm/failure.ts';
import type { DropReason } from '../records/votes/apply-reaction-event.ts';

/** What went wrong, for `dialoglab_errors_total{kind}`: a model failure kind, or the Discord handler that threw. */
export type ErrorKind = FailureKind | 'command' | 'button' | 'chat' | 'vote' | 'recovery' | 'interaction' | 'discord';

export interface BotMetrics {
  readonly registry: Registry;
  /** One /compare (or terminal compare) started with these pipelines. */
  compareStarted(pipelineIds: readonly string[]): void;
  /** A pipeline finished: its calls, tokens, cost and latency, and its failure kind if it failed. */
  pipelineFinished(result: PipelineResult): void;
  /** A vote reaction added or removed reached the ledger. */
  voteApplied(change: 'add' | 'remove'): void;
  /** A vote reaction changed nothing: why (or 'error' when applying it failed for a reason other than the store's absence). */
  voteDropped(reason: DropReason | 'error'): void;
  errorSeen(kind: ErrorKind): void;
  /** 1 while the store answers, 0 while it does not. */
  setStoreUp(up: boolean): void;
  /** Votes the reconciliation with Discord's reactions added or withdrew in the store. */
  votesRepaired(count: number): void;
  /** One request reconciliation made to Discord: a message read, or a page of one emoji's users. */
  reconcileRequest(kind: ReconcileRequestKind): void;
}

export type ReconcileRequestKind = 'message' | 'reaction-users';

const PREFIX = 'dialoglab_';
// Pipelines take from under a second (plain) to minutes (rules with a slow model).
const PIPELINE_SECONDS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 180, 300];
const CALL_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];

export function createBotMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];
  const compares = new Counter({ name: `${PREFIX}compares_total`, help: 'Comparisons started', registers });
  const pipelineRuns = new Counter({
    name: `${PREFIX}pipeline_runs_total`,
    help: 'Pipeline runs by pipeline and status (ok, error, cancelled)',
    labelNames: ['pipeline', 'status'],
    registers,
  });
  const modelCalls = new Counter({
    name: `${PREFIX}model_calls_total`,
    help: 'Model calls by pipeline',
    labelNames: ['pipeline'],
    registers,
  });
  const tokens = new Counter({
    name: `${PREFIX}tokens_total`,
    help: 'Tokens by pipeline and direction (input, output)',
    labelNames: ['pipeline', 'direction'],
    registers,
  });
  const cost = new Counter({
    name: `${PREFIX}cost_usd_total`,
    help: 'Model spend in USD by pipeline (calls with a known price only)',
    labelNames: ['pipeline'],
    registers,
  });
  const pipelineLatency = new Histogram({
    name: `${PREFIX}pipeline_duration_seconds`,
    help: 'Wall time of a pipeline run',
    labelNames: ['pipeline'],
    buckets: PIPELINE_SECONDS,
    registers,
  });
  const callLatency = new Histogram({
    name: `${PREFIX}model_call_duration_seconds`,
    help: 'Wall time of one model call, by pipeline and model',
    labelNames: ['pipeline', 'model'],
    buckets: CALL_SECONDS,
    registers,
  });
  const votes = new Counter({
    name: `${PREFIX}votes_total`,
    help: 'Vote reactions applied to the ledger (add, remove)',
    labelNames: ['change'],
    registers,
  });
  const dropped = new Counter({
    name: `${PREFIX}votes_dropped_total`,
    help: 'Vote reactions that changed no vote, by reason (unknown-message, not-on-ballot, error)',
    labelNames: ['reason'],
    registers,
  });
  const errors = new Counter({
    name: `${PREFIX}errors_total`,
    help: 'Failures by kind: model failure kinds (timeout, rate-limited, ...) and handlers (interaction, vote, chat, ...)',
    labelNames: ['kind'],
    registers,
  });
  const storeUp = new Gauge({
    name: `${PREFIX}store_up`,
    help: '1 while the store answers, 0 during an outage',
    registers,
  });
  const repairs = new Counter({
    name: `${PREFIX}vote_repairs_total`,
    help: 'Votes repaired by reconciling the store with Discord reactions',
    registers,
  });
  const reconcileRequests = new Counter({
    name: `${PREFIX}reconcile_requests_total`,
    help: 'Requests reconciliation made to Discord, by kind (message, reaction-users)',
    labelNames: ['kind'],
    registers,
  });
  storeUp.set(1);

  return {
    registry,
    compareStarted: () => compares.inc(),
    pipelineFinished(result) {
      const pipeline = result.pipelineId;
      pipelineRuns.inc({ pipeline, status: result.status });
      modelCalls.inc({ pipeline }, result.totals.calls);
      tokens.inc({ pipeline, direction: 'input' }, result.totals.tokensIn);
      tokens.inc({ pipeline, direction: 'output' }, result.totals.tokensOut);
      const knownCost = result.trace.reduce((sum, step) => sum + (step.costUsd ?? 0), 0);
      cost.inc({ pipeline }, knownCost);
      pipelineLatency.observe({ pipeline }, result.totals.latencyMs / 1000);
      for (const step of result.trace) callLatency.observe({ pipeline, model: step.model }, step.latencyMs / 1000);
      if (result.status === 'error' && result.failure) errors.inc({ kind: result.failure.kind });
    },
    voteApplied: (change) => votes.inc({ change }),
    voteDropped: (reason) => dropped.inc({ reason }),
    errorSeen: (kind) => errors.inc({ kind }),
    setStoreUp: (up) => storeUp.set(up ? 1 : 0),
    votesRepaired: (count) => repairs.inc(count),
    reconcileRequest: (kind) => reconcileRequests.inc({ kind }),
  };
}
