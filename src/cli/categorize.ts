// `npm run categorize`: gives the comparisons stored without a prompt category (those from before categories) one
// now, through the model server and prompts/categories.yaml, as /compare does for new ones; prints progress on
// stderr and a summary. Run it again at any time: comparisons with a category are left alone.
import { buildEngine } from '../app/build-engine.ts';
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { createLogger } from '../base/logger.ts';
import { plural } from '../base/plural.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { loadEngineSettings, loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { StoreVersionError } from '../records/migrations/migrate-store.ts';
import { backfillCategories, type BackfillProgress } from '../records/comparisons/backfill-categories.ts';
import { StoreOpenError } from '../store/backend.ts';
import { usdText } from '../render/discord/leaderboard/leaderboard-table.ts';
import type { ChatMessage } from '../llm/chat-model.ts';
import { parseCliArgs } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run categorize [-- --dry-run]

Gives every stored comparison without a prompt category one (maths, code, factual, advice, creative, chit-chat,
safety-sensitive, other: prompts/categories.yaml), with one judge call each (JUDGE_MODEL, else OPENAI_MODEL) and
the file's patterns when the judge fails. Comparisons that have a category are left alone, so it can be run again;
those whose prompt was deleted (/forget-me, retention) stay "other". Uses the store and model settings of .env.

Options:
  --dry-run    only count the comparisons it would classify
  -h, --help   show this help`;

class CategoriesOffError extends Error {}

const spent = (progress: BackfillProgress) =>
  `${plural(progress.tokens, 'token')}, ${progress.costUsd === null ? 'cost unknown (a model has no price)' : usdText(progress.costUsd)}`;

async function main(): Promise<number> {
  const { values } = parseCliArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  loadEnvironment(process.env);
  const storage = loadStorageSettings(process.env);
  const settings = loadEngineSettings(process.env);
  const { engine, catalog } = await buildEngine(settings);
  if (catalog.current().categories === null)
    throw new CategoriesOffError(
      `there is no ${settings.PROMPTS_DIR}/categories.yaml, so there are no categories to give`,
    );
  const data = await openData(storeOptionsFrom(storage), createLogger());
  try {
    console.error(
      `Looking for comparisons without a category in the ${data.store.backend} store at ${data.store.location}`,
    );
    const categorize = async (conversation: ChatMessage[]) => {
      const found = await engine.categorize(conversation);
      if (found === null) throw new CategoriesOffError(`${settings.PROMPTS_DIR}/categories.yaml is gone`);
      return found;
    };
    const summary = await backfillCategories(data.comparisons, categorize, {
      dryRun: values['dry-run'],
      onProgress: (progress) =>
        console.error(
          `${progress.done}/${progress.pending} categorized (judge ${progress.bySource.judge}, patterns ${progress.bySource.rules}) · ${spent(progress)}`,
        ),
    });
    const kept = `${summary.categorized} already had one; ${summary.forgotten} without a stored prompt count as other`;
    if (values['dry-run']) {
      console.log(
        `Would categorize ${plural(summary.pending, 'comparison')} (dry run: nothing asked or written); ${kept}.`,
      );
      return 0;
    }
    const counts = Object.entries(summary.byCategory)
      .sort(([, left], [, right]) => right - left)
      .map(([category, count]) => `${category} ${count}`)
      .join(', ');
    console.log(
      `Categorized ${plural(summary.done, 'comparison')}${counts === '' ? '' : ` (${counts})`}: ${summary.bySource.judge} by the judge, ${summary.bySource.rules} by the patterns; ${spent(summary)}. ${kept}.`,
    );
    return 0;
  } finally {
    await data.store.close();
  }
}

runCli(main, {
  usage: USAGE,
  action: 'categorize',
  mistakes: [CatalogError],
  refusals: [StoreOpenError, StoreVersionError, CategoriesOffError],
});
