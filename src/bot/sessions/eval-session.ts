// One /eval from deferral to the posted report: run the suite on the server's model (its /config model
// overrides apply) with progress edits, then post the table, the chart and the full reports.
import type { ChatInputCommandInteraction } from 'discord.js';
import { renderChart } from '../../render/charts/render-chart.ts';
import { renderEvalMarkdown } from '../../eval/eval-markdown.ts';
import { evaluate } from '../../eval/evaluate.ts';
import { SUITES, type SuiteName, suiteOf } from '../../eval/suites.ts';
import { renderEvalProgress, renderEvalReply } from '../../render/discord/eval-reply.ts';
import { recordUse } from '../record-use.ts';
import type { Services } from '../services.ts';
import { createThrottledEditor } from './throttled-editor.ts';

const EDIT_INTERVAL_MS = 1500;
/** Items in flight at once; each runs every pipeline, so the model sees up to this × the pipelines' calls. */
const EVAL_CONCURRENCY = 4;

export interface EvalRequest {
  suite: SuiteName;
  pipelineIds: string[];
  limit: number;
  modelOverrides: Record<string, string>;
}

export async function runEvalSession(
  interaction: ChatInputCommandInteraction,
  services: Pick<Services, 'engine' | 'hashUser' | 'limits' | 'log' | 'model' | 'settings' | 'usage'>,
  request: EvalRequest,
  signal: AbortSignal,
): Promise<void> {
  const { settings } = services;
  const editor = createThrottledEditor((payload: { content: string }) => interaction.editReply(payload), {
    intervalMs: EDIT_INTERVAL_MS,
    onError: (error) => services.log.warn(`/eval: progress edit failed: ${String(error)}`),
  });
  const report = await evaluate({
    suite: request.suite,
    setPath: `${settings.PROMPTS_DIR}/${SUITES[request.suite].defaultSet}`,
    pipelineIds: request.pipelineIds,
    repeat: 1,
    concurrency: EVAL_CONCURRENCY,
    seed: 1,
    limit: request.limit,
    engine: services.engine,
    model: services.model,
    models: { generator: settings.OPENAI_MODEL, judge: settings.JUDGE_MODEL ?? settings.OPENAI_MODEL },
    promptsDir: settings.PROMPTS_DIR,
    modelOverrides: request.modelOverrides,
    signal,
    onProgress: ({ done, total }) =>
      editor.update(
        renderEvalProgress(request.suite, {
          done,
          total,
          items: total / request.pipelineIds.length,
          pipelines: request.pipelineIds.length,
        }),
      ),
  });
  await editor.flush();
  const suite = suiteOf(report);
  const parts = report.pipelines.map(({ id, usage }) => ({
    pipelineId: id,
    calls: usage.calls,
    tokens: usage.tokens,
    costUsd: usage.costUsd,
  }));
  const judge = suite.judgeUsage(report);
  if (judge) parts.push({ pipelineId: 'eval-judge', ...judge });
  await recordUse(services, {
    guildId: interaction.guildId,
    userHash: services.hashUser(interaction.user.id),
    runId: `eval-${interaction.id}`,
    kind: 'eval',
    parts,
  });
  const chart = (await renderChart(suite.chart(report))).png;
  await interaction.editReply(renderEvalReply(report, { markdown: renderEvalMarkdown(report), chart }));
}
