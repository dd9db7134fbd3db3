// The /eval messages: a progress line while the suite runs, then a compact monospace table (Discord does not
// render Markdown tables) with the chart and the full Markdown and JSON reports attached.
import { type EvalReport, suiteOf } from '../../eval/suites.js';
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

function monospace(table: string[][]): string {
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  return table.map((row) => row.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function footnotes(report: EvalReport): string[] {
  const suite = suiteOf(report);
  const lost = report.pipelines.reduce((sum, pipeline) => {
    const { failed, unclassified } = suite.lostAnswers(pipeline);
    return sum + failed + unclassified;
  }, 0);
  return [
    ...suite.replyNotes(report),
    ...(lost ? [`⚠️ ${lost} answer(s) failed or could not be classified and are left out of the rates (see the report).`] : []),
  ];
}

export function renderEvalReply(report: EvalReport, attachments: { markdown: string; chart: Buffer }): EvalReply {
  const suite = suiteOf(report);
  const reading = suite.reading ? ` ${suite.reading}` : '';
  const head = `**${report.suite} suite**: ${report.run.items}${report.run.items < report.set.items ? ` of ${report.set.items}` : ''} items, model ${report.run.models.generator}, judge ${report.run.models.judge}. Rates with 95% intervals.${reading}`;
  const content = [head, `\`\`\`\n${monospace(suite.replyTable(report))}\n\`\`\``, ...footnotes(report)].join('\n');
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
