// Autocomplete for any option that names a pipeline: matches on id or label, at most Discord's 25 choices.
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Engine } from '../engine/create-engine.ts';

const MAX_CHOICES = 25;
const CHOICE_NAME_MAX = 100;

export function suggestPipelines(engine: Engine, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const wanted = typed.toLowerCase();
  return engine
    .pipelines()
    .filter((pipeline) => pipeline.id.includes(wanted) || pipeline.label.toLowerCase().includes(wanted))
    .slice(0, MAX_CHOICES)
    .map((pipeline) => ({ name: `${pipeline.id} · ${pipeline.label}`.slice(0, CHOICE_NAME_MAX), value: pipeline.id }));
}
