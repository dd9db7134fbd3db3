// The registry of eval suites: one line per suite. Everything that differs between suites (items, classifier,
// summary, Markdown, chart, reply table, default set) is found through here, so nothing else names a suite.
import { UserError } from '../base/user-error.js';
import type { EvalSuite, PipelineSummary, ReportBase } from './eval-suite.js';
import { reasoningSuite } from './reasoning/reasoning-suite.js';
import { safetySuite } from './safety/safety-suite.js';

export const SUITES = {
  safety: safetySuite,
  reasoning: reasoningSuite,
};

type Suites = typeof SUITES;
export type SuiteName = keyof Suites;
export const SUITE_NAMES = Object.keys(SUITES) as SuiteName[];

/** Any suite, seen through what all suites share (its methods accept every report of its own suite). */
export type AnySuite = EvalSuite<string, { id: string }, unknown, { pipelines: PipelineSummary[] }>;
export type ReportOf<S> = S extends EvalSuite<infer Name, infer _Item, infer Classification, infer Results> ? ReportBase<Name, Classification> & Results : never;
export type SuiteReport<K extends SuiteName> = ReportOf<Suites[K]>;
/** A report of any suite, discriminated on `suite`. */
export type EvalReport = { [K in SuiteName]: SuiteReport<K> }[SuiteName];

export const isSuiteName = (name: string): name is SuiteName => Object.hasOwn(SUITES, name);

export function suiteNamed(name: string): AnySuite {
  if (!isSuiteName(name)) throw new UserError('invalid-eval-set', `There is no "${name}" suite; the suites are ${SUITE_NAMES.join(', ')}.`);
  return SUITES[name];
}

/** The suite that wrote a report, to render it. */
export const suiteOf = (report: EvalReport): AnySuite => SUITES[report.suite];
