// The command line of `npm run eval`, checked with zod: every flag's value is validated and a mistake is
// reported with the flag's name, before any model call.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SUITES, SUITE_NAMES } from '../eval/suites.js';
import { UsageError } from './parse-cli-args.js';

/** "safety or reasoning", "a, b or c". */
const eitherOf = (names: string[]) => new Intl.ListFormat('en', { type: 'disjunction' }).format(names);
const suiteLines = SUITE_NAMES.map((name) => `                      ${name}: ${SUITES[name].description}`).join('\n');
const setLines = SUITE_NAMES.map((name) => `                      ${name}: ${SUITES[name].setFormats} (default: prompts/${SUITES[name].defaultSet})`).join('\n');

export const EVAL_USAGE = `Usage: npm run eval -- --suite ${SUITE_NAMES.join('|')} [options]
       npm run eval -- --rerun RESULT.json [options]
       npm run eval -- --generate COUNT [--seed S] > problems.jsonl

Options:
  --suite NAME        which suite to run:
${suiteLines}
  --set FILE          the set to run:
${setLines}
  --pipelines a,b     pipelines to evaluate (default: COMPARE_PIPELINES from .env)
  --repeat K          ask every item K times (default 1)
  --concurrency N     items in flight at once, each running all pipelines (default 4)
  --seed S            seed of the pipelines' random draws and of --generate (default 1)
  --limit N           only the first N items of the set
  --json OUT          write the report (summaries and every answer) as JSON
  --markdown OUT      write the tables as Markdown
  --chart OUT         write the chart as PNG (default: next to the results log)
  --log FILE          the resumable results log (default: eval-results/<suite>-<set>-<hash>-seed<S>.jsonl)
  --fresh             start the log over instead of resuming it
  --rerun RESULT.json repeat the run a --json report describes and list what changed, item by item
  --generate COUNT    print COUNT seeded arithmetic word problems as GSM8K JSONL and exit
  -h, --help          show this help`;

const wholeNumber = (flag: string, min: number) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be a whole number`)
    .transform(Number)
    .refine((value) => value >= min, `${flag} must be at least ${min}`);

const EvalArguments = z.object({
  suite: z.enum(SUITE_NAMES, { error: `--suite must be ${eitherOf(SUITE_NAMES)}` }).optional(),
  set: z.string().min(1).optional(),
  pipelines: z.string().transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean)).optional(),
  repeat: wholeNumber('--repeat', 1).default(1),
  concurrency: wholeNumber('--concurrency', 1).default(4),
  seed: wholeNumber('--seed', 0).default(1),
  limit: wholeNumber('--limit', 1).optional(),
  json: z.string().min(1).optional(),
  markdown: z.string().min(1).optional(),
  chart: z.string().min(1).optional(),
  log: z.string().min(1).optional(),
  fresh: z.boolean(),
  rerun: z.string().min(1).optional(),
  generate: wholeNumber('--generate', 1).optional(),
  help: z.boolean(),
});
export type EvalArguments = z.infer<typeof EvalArguments>;

export { UsageError } from './parse-cli-args.js';

export function parseEvalArguments(argv: string[]): EvalArguments {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        suite: { type: 'string' },
        set: { type: 'string' },
        pipelines: { type: 'string' },
        repeat: { type: 'string' },
        concurrency: { type: 'string' },
        seed: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        chart: { type: 'string' },
        log: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        rerun: { type: 'string' },
        generate: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = EvalArguments.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  if (!parsed.data.help && parsed.data.generate === undefined && !parsed.data.suite && !parsed.data.rerun) {
    throw new UsageError(`Say which suite to run with --suite ${eitherOf(SUITE_NAMES)} (or --rerun RESULT.json).`);
  }
  return parsed.data;
}
