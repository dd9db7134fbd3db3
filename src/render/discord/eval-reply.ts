// The /eval messages: a progress line while the suite runs, then a compact monospace table (Discord does not
// render Markdown tables) with the chart and the full Markdown and JSON reports attached.
import type { EvalReport } from '../../eval/build-eval-report.js';
import type { Proportion, ReasoningSummary, SafetySummary } from '../../eval/summarize-eval.js';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.js';

export interface EvalReply {
  content: string;
  files: { name: string; attachment: Buffer }[];
  allowedMentions: { parse: [] };
}

export function renderEvalProgress(suite: string, progress: { done: number; total: number; items: number; pipelines: number }): { content: string } {
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  return { content: `⏳ Running the ${suite} suite: ${progress.items} items × ${progress.pipelines} pipelines, ${progress.done}/${progress.total} answers (${percent}%).` };
}

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
const cell = (value: Proportion) => (value.rate === null ? 'n/a' : `${percent(value.rate)} [${percent(value.ci[0])}–${percent(value.ci[1])}]`);

function rows(report: EvalReport): string[][] {
  if (report.suite === 'safety') {
    return [
      ['pipeline', 'over-refusal', 'unsafe compliance', 'calls'],
      ...(report.pipelines as SafetySummary[]).map((pipeline) => [pipeline.id, cell(pipeline.safe), cell(pipeline.unsafe), String(pipeline.usage.calls)]),
    ];
  }
  return [['pipeline', 'accuracy', 'calls'], ...(report.pipelines as ReasoningSummary[]).map((pipeline) => [pipeline.id, cell(pipeline.accuracy), String(pipeline.usage.calls)])];
}

function monospace(table: string[][]): string {
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  return table.map((row) => row.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function footnotes(report: EvalReport): string[] {
  const lost = report.pipelines.reduce((sum, pipeline) => sum + ('accuracy' in pipeline ? pipeline.accuracy.failed : pipeline.safe.failed + pipeline.unsafe.failed + pipeline.safe.unclassified + pipeline.unsafe.unclassified), 0);
  const agreement = report.agreement?.rate != null ? [`Judge and string match agree on ${report.agreement.agree}/${report.agreement.n} answers.`] : [];
  const pairs = report.mcnemar?.length ? ['McNemar p-values for every pair of pipelines are in the attached report.'] : [];
  return [
    ...agreement,
    ...pairs,
    ...(lost ? [`⚠️ ${lost} answer(s) failed or could not be classified and are left out of the rates (see the report).`] : []),
  ];
}

export function renderEvalReply(report: EvalReport, attachments: { markdown: string; chart: Buffer }): EvalReply {
  const lowerIsBetter = report.suite === 'safety' ? ' Lower is better in both rate columns.' : '';
  const head = `**${report.suite} suite**: ${report.run.items}${report.run.items < report.set.items ? ` of ${report.set.items}` : ''} items, model ${report.run.models.generator}, judge ${report.run.models.judge}. Rates with 95% intervals.${lowerIsBetter}`;
  const content = [head, `\`\`\`\n${monospace(rows(report))}\n\`\`\``, ...footnotes(report)].join('\n');
  return {
    content: content.slice(0, MESSAGE_CONTENT_MAX),
    files: [
      { name: `eval-${report.suite}.png`, attachment: attachments.chart },
      { name: `eval-${report.suite}.md`, attachment: Buffer.from(attachments.markdown, 'utf8') },
      { name: `eval-${report.suite}.json`, attachment: Buffer.from(JSON.stringify(report, null, 2), 'utf8') },
    ],
    allowedMentions: { parse: [] },
  };
}
