// What an eval suite is made of: its items, how an answer is classified, how a run is summarised and shown.
// A suite is one folder under src/eval/ whose `<name>-suite.ts` calls defineSuite, plus one line in suites.ts;
// a suite that lacks a part does not compile.
import type { TopLevelSpec } from 'vega-lite';
import type { z } from 'zod';
import type { ChatModel } from '../llm/chat-model.ts';
import type { AnswerRecord, RunHeader } from './eval-record.ts';
import type { SetRow } from './read-set-rows.ts';
import type { Usage } from './usage.ts';

/** What every suite's report holds besides its own results. */
export interface ReportBase<Name extends string, Classification = unknown> {
  suite: Name;
  set: RunHeader['set'];
  run: { seed: number; repeat: number; items: number; models: RunHeader['models']; startedAt: string };
  records: AnswerRecord<Classification>[];
}

export interface PipelineSummary {
  id: string;
  version: string;
  usage: Usage;
}

export interface ClassifierContext {
  /** The client the judge calls go through. */
  model: ChatModel;
  judgeModel: string;
  promptsDir: string;
}

/** Classifies one answer to one item (a method, so a suite can be seen as any suite: see suites.ts). */
export interface Classifier<Item, Classification> {
  classify(item: Item, answer: string, signal: AbortSignal): Promise<Classification>;
}

export interface SummaryInput<Item, Classification> {
  items: Item[];
  pipelineIds: string[];
  versionOf(pipelineId: string): string;
  records: AnswerRecord<Classification>[];
}

export interface EvalSuite<
  Name extends string,
  Item extends { id: string },
  Classification,
  Results extends { pipelines: PipelineSummary[] },
> {
  name: Name;
  /** One line for --help and /eval's choices. */
  description: string;
  /** The shipped set, relative to the prompts folder. */
  defaultSet: string;
  /** The files --set accepts, for --help. */
  setFormats: string;
  /** Parses a set's rows into items with unique ids; errors name the file and the row. */
  itemsOf(path: string, rows: SetRow[]): Item[];
  /** What a pipeline is asked. */
  promptOf(item: Item): string;
  classification: z.ZodType<Classification>;
  classifier(context: ClassifierContext): Promise<Classifier<Item, Classification>>;
  /** An answer's outcome in a few words, compared between two runs. */
  describe(classification: Classification): string;
  summarize(input: SummaryInput<Item, Classification>): Results;
  /** Answers left out of the rates: the pipeline failed, or the answer could not be classified. */
  lostAnswers(summary: Results['pipelines'][number]): { failed: number; unclassified: number };
  /** The judge calls' use, counted apart from the pipelines' own; null when the suite has no judge. */
  judgeUsage(results: Results): { calls: number; tokens: number; costUsd: number | null } | null;
  /** The Markdown tables and notes under the report's heading. */
  markdown(report: ReportBase<Name, Classification> & Results): string[];
  chart(report: ReportBase<Name, Classification> & Results): TopLevelSpec;
  /** The compact table /eval posts: a header row, then one row per pipeline. */
  replyTable(report: ReportBase<Name, Classification> & Results): string[][];
  /** How to read that table, or ''. */
  reading: string;
  /** Lines under that table: what the attached report holds beyond it. */
  replyNotes(report: ReportBase<Name, Classification> & Results): string[];
}

/** Only adds types: the compiler then checks that every part is there. */
export const defineSuite = <
  Name extends string,
  Item extends { id: string },
  Classification,
  Results extends { pipelines: PipelineSummary[] },
>(
  suite: EvalSuite<Name, Item, Classification, Results>,
): EvalSuite<Name, Item, Classification, Results> => suite;
