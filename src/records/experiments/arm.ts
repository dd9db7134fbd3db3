// An experiment arm as typed: a pipeline, optionally at a model, optionally shown through a presentation transform:
// `cot`, `cot@gpt-4o-mini`, `cot|plain-text`, `cot@gpt-4o-mini|final-only`. Two arms that differ only in the
// transform show the same answers formatted differently: a randomized style ablation.
import { UserError } from '../../base/user-error.ts';
import { transformNameSchema, type TransformName } from '../../engine/transforms/apply-transform.ts';

export interface Arm {
  pipelineId: string;
  /** The generator model; absent: the pipeline's usual one. */
  model?: string;
  /** How the answer is shown; absent: as the pipeline wrote it. */
  transform?: TransformName;
}

const PIPELINE = /^[a-z0-9][a-z0-9_-]*$/;
const MODEL = /^[^\s|@,]+$/;

/** "Cot @ gpt-4o-mini | plain-text" -> { pipelineId: 'cot', model: 'gpt-4o-mini', transform: 'plain-text' }. */
export function parseArm(typed: string): Arm {
  const text = typed.trim();
  const example = 'write it like `cot`, `cot@gpt-4o-mini` or `cot|plain-text`';
  if (text === '') throw new UserError('invalid-option', `An arm is empty: ${example}.`);
  const [left = '', transformText, extra] = text.split('|').map((part) => part.trim());
  if (extra !== undefined) throw new UserError('invalid-option', `Arm “${text}” has more than one \`|\`: ${example}.`);
  const [pipelineText = '', modelText, extraModel] = left.split('@').map((part) => part.trim());
  if (extraModel !== undefined)
    throw new UserError('invalid-option', `Arm “${text}” has more than one \`@\`: ${example}.`);
  const pipelineId = pipelineText.toLowerCase();
  if (!PIPELINE.test(pipelineId))
    throw new UserError('invalid-option', `Arm “${text}” does not start with a pipeline name: ${example}.`);
  if (modelText !== undefined && !MODEL.test(modelText))
    throw new UserError('invalid-option', `Arm “${text}” has no model name after \`@\`: ${example}.`);
  let transform: TransformName | undefined;
  if (transformText !== undefined) {
    const parsed = transformNameSchema.safeParse(transformText.toLowerCase());
    if (!parsed.success)
      throw new UserError(
        'invalid-option',
        `Arm “${text}”: there is no transform “${transformText}”. Transforms: ${transformNameSchema.options.map((name) => `\`${name}\``).join(', ')}.`,
      );
    transform = parsed.data;
  }
  return {
    pipelineId,
    ...(modelText === undefined ? {} : { model: modelText }),
    ...(transform === undefined ? {} : { transform }),
  };
}

/** The arm written back in its one canonical spelling, as plans store and show it. */
export function armLabel(arm: Arm): string {
  return `${arm.pipelineId}${arm.model === undefined ? '' : `@${arm.model}`}${arm.transform === undefined ? '' : `|${arm.transform}`}`;
}

/** "cot, cot|plain-text" -> canonical arm labels, each parsed; refuses an arm listed twice. */
export function parseArmList(typed: string): string[] {
  const labels = typed
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => armLabel(parseArm(part)));
  const twice = labels.find((label, index) => labels.indexOf(label) !== index);
  if (twice !== undefined)
    throw new UserError('invalid-option', `Arm \`${twice}\` is listed twice; list each arm once.`);
  return labels;
}
