// The report as Markdown: a heading naming the set, run and models, the suite's tables and notes, and a
// warning for each pipeline whose answers were left out of the rates. What the terminal prints and /eval
// attaches; published figures are labelled as such, never mixed with measured rows.
import { type EvalReport, suiteOf } from './suites.js';

function lostAnswerNotes(report: EvalReport): string[] {
  const suite = suiteOf(report);
  return report.pipelines.flatMap((pipeline) => {
    const { failed, unclassified } = suite.lostAnswers(pipeline);
    return [
      ...(failed ? [`⚠️ ${pipeline.id}: ${failed} answer(s) failed (model error or timeout) and are left out of the rates.`] : []),
      ...(unclassified ? [`⚠️ ${pipeline.id}: ${unclassified} answer(s) unclassified (the judge gave no usable verdict twice) and are left out of the rates.`] : []),
    ];
  });
}

export function renderEvalMarkdown(report: EvalReport): string {
  const items = `${report.run.items}${report.run.items < report.set.items ? ` of ${report.set.items}` : ''}`;
  const head = `**${report.suite} suite** on \`${report.set.path}\` (${items} items × ${report.run.repeat}, sha256 ${report.set.sha256.slice(0, 12)}, seed ${report.run.seed}, model ${report.run.models.generator}, judge ${report.run.models.judge})`;
  return [head, '', ...suiteOf(report).markdown(report), ...lostAnswerNotes(report).map((line) => `\n${line}`)].join('\n');
}
