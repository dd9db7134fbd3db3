// A pipeline's trace as Markdown, at three sizes: one line per step (reveal), a step-by-step view with
// quoted outputs (one embed), and the whole record with every output and prompt (an attached file).
import type { PipelineResult, StepTrace } from '../../engine/trace.ts';
import { formatCost, formatSeconds, formatTotals } from '../format-totals.ts';
import { excerpt } from './text/excerpt.ts';
import { truncateMarkdown } from './text/split-markdown.ts';
import { summarizeParsedJson } from './summarize-parsed-json.ts';

const PARSED_LABELS: Partial<Record<StepTrace['kind'], string>> = {
  judge: 'verdict',
  critique: 'critique',
  vote: 'tally',
};

export function statusLine(result: PipelineResult): string {
  const failure = result.failure ? `: ${result.failure.message}` : '';
  return result.status === 'ok'
    ? formatTotals(result.totals)
    : `⚠️ ${result.status}${failure}\n${formatTotals(result.totals)}`;
}

/** `review.round1.critique` critique: principle: honest; skipped revision */
export function stepLine(step: StepTrace, noteMax = 90): string {
  const note = step.note ? `: ${excerpt(step.note, noteMax)}` : '';
  const error = step.error ? ` ⚠️ ${excerpt(step.error, 60)}` : '';
  return `\`${step.step}\` ${step.kind}${note}${error}`;
}

const figures = (step: StepTrace) =>
  `${step.kind} · ${step.model} · ${step.tokensIn}+${step.tokensOut} tok · ${formatSeconds(step.latencyMs)} · ${formatCost(step.costUsd)}`;

/** A step's figures, note, error and parsed verdict, without its output. */
export function stepHead(step: StepTrace, position: number): string {
  const lines = [`**${position}. \`${step.step}\`** · ${figures(step)}`];
  if (step.note) lines.push(`note: ${step.note}`);
  if (step.error) lines.push(`⚠️ error: ${excerpt(step.error, 200)}`);
  const parsed = summarizeParsedJson(step.parsedJson);
  if (parsed) lines.push(`${PARSED_LABELS[step.kind] ?? 'parsed'}: ${parsed}`);
  return lines.join('\n');
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/** Model output as a quote of at most `max` characters, cut with truncateMarkdown when longer. */
export function quotedWithin(text: string, max: number): { text: string; truncated: boolean } {
  let budget = max;
  for (let attempt = 0; attempt < 8 && budget >= 16; attempt++) {
    const fitted = truncateMarkdown(text, budget);
    const quoted = quote(fitted.text);
    if (quoted.length <= max) return { text: quoted, truncated: fitted.truncated };
    budget -= quoted.length - max; // each kept line costs two more characters once quoted
  }
  return { text: '', truncated: text.length > 0 };
}

/** A fence longer than any backtick run inside, so model text can never close it early. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

function paramsText(params: StepTrace['params']): string {
  const parts = [
    params.temperature !== undefined ? `temperature ${params.temperature}` : '',
    params.topP !== undefined ? `top_p ${params.topP}` : '',
    params.maxTokens !== undefined ? `max tokens ${params.maxTokens}` : '',
  ];
  return parts.filter(Boolean).join(', ') || 'defaults';
}

function stepDocument(step: StepTrace, position: number): string {
  const bullets = [
    `- kind: ${step.kind}`,
    `- model: ${step.model}`,
    `- params: ${paramsText(step.params)}`,
    `- tokens: ${step.tokensIn} in + ${step.tokensOut} out`,
    `- latency: ${formatSeconds(step.latencyMs)}`,
    `- cost: ${formatCost(step.costUsd)}`,
  ];
  if (step.note) bullets.push(`- note: ${step.note}`);
  if (step.error) bullets.push(`- error: ${step.error}`);
  const parsed = summarizeParsedJson(step.parsedJson, 2000);
  if (parsed) bullets.push(`- ${PARSED_LABELS[step.kind] ?? 'parsed'}: ${parsed}`);
  const sections = [`### ${position}. ${step.step}`, bullets.join('\n'), 'Output:', fenced(step.outputText)];
  if (step.parsedJson !== undefined)
    sections.push('Parsed JSON:', fenced(JSON.stringify(step.parsedJson, null, 2) ?? '', 'json'));
  if (step.inputMessages.length) {
    sections.push(
      'Prompt sent:',
      step.inputMessages.map((message) => `**${message.role}**\n${fenced(message.content)}`).join('\n\n'),
    );
  }
  return sections.join('\n\n');
}

/** The whole trace as a Markdown document: final answer, figures, and every step in full. */
export function traceDocument(letter: string, label: string, pipelineId: string, result: PipelineResult): string {
  const parts = [`# Answer ${letter}: ${label} (${pipelineId})`, statusLine(result)];
  if (result.answer !== null) parts.push('## Final answer', fenced(result.answer));
  parts.push(`## Steps (${result.trace.length})`, ...result.trace.map((step, index) => stepDocument(step, index + 1)));
  return `${parts.join('\n\n')}\n`;
}
