// `npm run experiment -- --list` lists every experiment in the store; `--combine <plan-hash>` pools the
// replications of one frozen plan across servers (the product of their e-values, each server's votes its own
// observations) and prints each replication and the pooled result. Needs only the storage settings.
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { createLogger } from '../base/logger.ts';
import { UserError } from '../base/user-error.ts';
import { experimentEvidence, sequentialPlanOf } from '../export/experiment-evidence.ts';
import { createExperimentStore } from '../records/experiments/experiment-store.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import { createForgottenUsers } from '../records/votes/forgotten-users.ts';
import { combineReplications } from '../ratings/sequential/sequential-test.ts';
import { StoreOpenError } from '../store/backend.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run experiment -- (--list | --combine <plan-hash>)

Options:
  --list                  every experiment in the store: server, name, status, comparisons, plan hash
  --combine <plan-hash>   pool every started experiment with this plan hash (the original and its replications in
                          other servers): each one's result, then the pooled estimate, interval and e-value
  -h, --help              show this help`;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function listLine(record: ExperimentRecord): string {
  return `${record.guildId}  ${record.plan.name}  ${record.status}${record.replication ? ' (replication)' : ''}  ${record.plan.primary.a} vs ${record.plan.primary.b}  ${record.comparisons.length} comparison(s)  ${record.planHash ?? '(draft)'}`;
}

async function main(): Promise<number> {
  const { values } = parseCliArgs({
    options: {
      list: { type: 'boolean', default: false },
      combine: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list === (values.combine !== undefined))
    throw new UsageError('Give either --list or --combine <plan-hash>.');
  const hash = values.combine?.trim().toLowerCase();
  if (hash !== undefined && !/^[0-9a-f]{64}$/.test(hash))
    throw new UsageError(`--combine takes a plan hash: 64 hex digits (got ${JSON.stringify(values.combine)}).`);
  loadEnvironment(process.env);
  const settings = loadStorageSettings(process.env);
  const { store, votes, comparisons } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    const experiments = createExperimentStore(store);
    const all: ExperimentRecord[] = [];
    for await (const record of experiments.all()) all.push(record);
    if (hash === undefined) {
      console.log(all.length === 0 ? 'No experiments in the store.' : all.map(listLine).join('\n'));
      return 0;
    }
    const replications = all.filter((record) => record.planHash === hash);
    const first = replications[0];
    if (first === undefined) throw new UserError('not-found', `No started experiment has plan hash ${hash}.`);
    const sources = { votes, comparisons, forgottenUsers: createForgottenUsers(store) };
    const evidence = await Promise.all(replications.map((record) => experimentEvidence(record, sources)));
    console.log(`Plan ${hash}: “${first.plan.name}”, ${first.plan.primary.a} (A) vs ${first.plan.primary.b} (B)`);
    replications.forEach((record, index) => {
      const { test, votes: used } = evidence[index]!;
      console.log(
        `  server ${record.guildId}: ${record.status}, ${used} vote(s) on ${test.observations} comparison(s), ` +
          `estimate ${test.observations === 0 ? '–' : percent(test.estimate)}, e-value ${test.eValue.toFixed(2)}`,
      );
    });
    const pooled = combineReplications(
      evidence.map((found) => found.outcomes),
      sequentialPlanOf(first.plan),
    );
    const winner =
      pooled.decided === null ? null : pooled.decided === 'a' ? first.plan.primary.a : first.plan.primary.b;
    console.log(
      `Pooled over ${pooled.replications} server(s): estimate ${pooled.observations === 0 ? '–' : percent(pooled.estimate)} ` +
        `(interval ${percent(pooled.interval[0])}–${percent(pooled.interval[1])}), e-value ${pooled.eValue.toFixed(2)} ` +
        `(decides at ${(1 / first.plan.alpha).toFixed(0)}): ${winner === null ? 'no decision' : `${winner} wins`}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main, { usage: USAGE, mistakes: [UserError], refusals: [StoreOpenError] });
