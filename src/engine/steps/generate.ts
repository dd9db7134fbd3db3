// `generate`: one call with the system prompt (plus an optional instruction and demonstrations) and the
// conversation. Its text becomes the draft. Used by plain, few-shot and the first stage of cot.
import type { Demo, DemoSet } from '../../catalog/data-schemas.ts';
import type { ChatMessage } from '../../llm/chat-model.ts';
import { withSystem } from '../prompt-parts.ts';
import type { StepRunner } from './step-runner.ts';

/** Demos whose tags appear in the latest user message come first; ties keep file order. */
export function pickDemos(set: DemoSet, latestUserText: string, k: number): Demo[] {
  const words = new Set(latestUserText.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const hits = (demo: Demo) => demo.tags.filter((tag) => words.has(tag.toLowerCase())).length;
  return set.demos
    .map((demo, index) => ({ demo, index, hits: hits(demo) }))
    .sort((a, b) => b.hits - a.hits || a.index - b.index)
    .slice(0, k)
    .map((entry) => entry.demo);
}

export const runGenerate: StepRunner<'generate'> = async (step, context) => {
  let messages = withSystem(context, step.instruction);
  let demoIds: string[] = [];
  if (step.demos) {
    const set = context.catalog.demoSets.get(step.demos.set);
    if (set) {
      const latest = context.conversation.findLast((message) => message.role === 'user')?.content ?? '';
      const demos = pickDemos(set, latest, step.demos.k);
      demoIds = demos.map((demo) => demo.id);
      const turns: ChatMessage[] = demos.flatMap((demo) => [
        { role: 'user' as const, content: demo.input },
        { role: 'assistant' as const, content: demo.output },
      ]);
      const [system, ...conversation] = withSystem(context, set.definition, step.instruction);
      messages = [system as ChatMessage, ...turns, ...conversation];
    }
  }
  const text = await context.call({
    step: step.id,
    kind: 'generate',
    model: context.resolveModel(step.model),
    messages,
    temperature: step.temperature,
    maxTokens: step.max_tokens,
    stream: true,
  });
  if (demoIds.length) context.note(step.id, `demos: ${demoIds.join(', ')}`);
  context.state.outputs.set(step.id, text);
  context.state.draft = text;
};
