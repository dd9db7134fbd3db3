// Everything whose presence in an answer gives its technique away: the phrases of prompts/leak-markers.yaml,
// every pipeline id and label, every rule id and the model names in use. Pure; the guard that searches
// answers for them is src/records/comparisons/leak-guard.ts.
import type { Catalog } from './load-catalog.js';

export interface LeakMarker {
  text: string;
  /** Rule ids ("S1") only count with their exact case; everything else ignores case. */
  caseSensitive: boolean;
}

const MODEL_REFERENCES = new Set(['generator', 'judge']);

export function leakMarkers(catalog: Catalog, models: readonly string[]): LeakMarker[] {
  const ignored = new Set(catalog.leakMarkers.ignore.map((text) => text.toLowerCase()));
  const pipelines = [...catalog.pipelines.values()];
  const stepModels = pipelines.flatMap((pipeline) => pipeline.steps.map((step) => ('model' in step ? step.model : undefined)));
  const named = [
    ...catalog.leakMarkers.phrases,
    ...pipelines.flatMap((pipeline) => [pipeline.id, pipeline.label]),
    ...[...models, ...stepModels].filter((model): model is string => typeof model === 'string' && !MODEL_REFERENCES.has(model)),
  ].filter((text) => text.trim() !== '' && !ignored.has(text.toLowerCase()));
  const rules = [...catalog.ruleSets.values()].flatMap((ruleSet) => ruleSet.rules.map((rule) => rule.id));
  const markers = new Map<string, LeakMarker>();
  for (const text of named) markers.set(text.toLowerCase(), { text, caseSensitive: false });
  for (const text of rules) if (!markers.has(text.toLowerCase())) markers.set(text.toLowerCase(), { text, caseSensitive: true });
  return [...markers.values()];
}
