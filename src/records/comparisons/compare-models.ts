// The models a comparison crosses its pipelines with (/compare models:, npm run compare --models): each pipeline
// runs once per model, blind like any other slot. Checked before any call is made: no empty name, none twice, each
// one served by the model server, and no more answers than a comparison has slots. /channel model uses the same
// served-name check, so a stored model name is one the server lists.
import type { EngineSettings } from '../../config/env.ts';
import type { CompareRun } from '../../engine/create-engine.ts';
import { crossRuns } from '../../engine/cross-runs.ts';
import { UserError } from '../../base/user-error.ts';
import { MODEL_NAME_MAX_LENGTH } from '../guild-config.ts';
import type { ServedModels } from '../../llm/served-models.ts';
import { plural } from '../../base/plural.ts';
import { COMPARE_MAX_SLOTS, SLOT_LETTERS } from './comparison.ts';

const SUGGESTIONS = 5;
const LISTED_IN_FULL = 12;
const code = (name: string) => `\`${name}\``;

/** "gpt-4o-mini, gpt-4o" -> ['gpt-4o-mini', 'gpt-4o']; no option (null) -> [] (nothing crossed). */
export function parseModelList(raw: string | null | undefined): string[] {
  if (raw === null || raw === undefined) return [];
  const names = raw.split(',').map((name) => name.trim());
  if (names.every((name) => name === '')) {
    throw new UserError(
      'invalid-option',
      '`models` is empty. List model names separated by commas, e.g. `gpt-4o-mini, gpt-4o`, or leave the option out.',
    );
  }
  if (names.includes(''))
    throw new UserError('invalid-option', `\`models\` has an empty name in “${raw.trim()}”: remove the extra comma.`);
  const spaced = names.find((name) => /\s/.test(name));
  if (spaced !== undefined)
    throw new UserError('invalid-option', `Model names have no spaces (“${spaced}”): separate them with commas.`);
  const long = names.find((name) => name.length > MODEL_NAME_MAX_LENGTH);
  if (long !== undefined)
    throw new UserError(
      'invalid-option',
      `A model name is at most ${MODEL_NAME_MAX_LENGTH} characters; “${long.slice(0, 40)}…” is ${long.length}.`,
    );
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined)
    throw new UserError('invalid-option', `\`models\` lists ${code(twice)} twice; list each model once.`);
  return names;
}

/**
 * Refuses a name the model server does not serve. `served` null means the server did not say, so every name is
 * accepted. `inUse` are the models the deployment already calls (OPENAI_MODEL, JUDGE_MODEL): known to work.
 */
export function checkServedModels(
  models: readonly string[],
  served: ReadonlySet<string> | null,
  inUse: readonly string[] = [],
): void {
  if (served === null) return;
  // Ollama serves `llama3.1` under the name `llama3.1:latest`.
  const known = (name: string) => served.has(name) || served.has(`${name}:latest`) || inUse.includes(name);
  const unknown = models.filter((name) => !known(name));
  if (unknown.length === 0) return;
  const all = [...served].sort();
  const near = all.filter((name) =>
    unknown.some(
      (typed) => name.toLowerCase().includes(typed.toLowerCase()) || typed.toLowerCase().includes(name.toLowerCase()),
    ),
  );
  const hint =
    near.length > 0
      ? `Close names it serves: ${near.slice(0, SUGGESTIONS).map(code).join(', ')}.`
      : all.length <= LISTED_IN_FULL
        ? `It serves: ${all.map(code).join(', ')}.`
        : `It serves ${plural(all.length, 'model')}; check the spelling (names must match exactly).`;
  throw new UserError('unknown-model', `The model server does not serve ${unknown.map(code).join(', ')}. ${hint}`);
}

type ModelsInUse = Pick<EngineSettings, 'OPENAI_MODEL' | 'JUDGE_MODEL'>;
const modelsInUse = (settings: ModelsInUse) => [settings.OPENAI_MODEL, settings.JUDGE_MODEL ?? settings.OPENAI_MODEL];

/** The models option as typed, parsed and checked against the server's list (asked only when models are given). */
export async function readModelOption(
  raw: string | null | undefined,
  served: ServedModels,
  settings: ModelsInUse,
): Promise<string[]> {
  const models = parseModelList(raw);
  if (models.length > 0) checkServedModels(models, await served.list(), modelsInUse(settings));
  return models;
}

/** One model name a setting will store (/channel model), refused like a /compare models: name if not served. */
export async function checkServedModel(name: string, served: ServedModels, settings: ModelsInUse): Promise<void> {
  checkServedModels([name], await served.list(), modelsInUse(settings));
}

/** Every pipeline once per model (once when no models are given), within the slots A to H of one comparison. */
export function comparisonRuns(pipelineIds: readonly string[], models: readonly string[]): CompareRun[] {
  const runs = crossRuns(pipelineIds, models);
  if (runs.length > COMPARE_MAX_SLOTS) {
    throw new UserError(
      'invalid-option',
      `${plural(pipelineIds.length, 'pipeline')} × ${plural(models.length, 'model')} make ${runs.length} answers, but one comparison shows at most ${COMPARE_MAX_SLOTS} ` +
        `(${SLOT_LETTERS[0]} to ${SLOT_LETTERS[COMPARE_MAX_SLOTS - 1]}). List fewer pipelines or models.`,
    );
  }
  return runs;
}
