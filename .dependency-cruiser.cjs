// The import rules of the house, checked by `npm run check:imports` (and by a test): a module may import its own
// layer or a lower one, never a higher one, and no files may import each other in a loop.
// The layers, lowest first. This list is the only place the order is written down.
const LAYERS = [
  ['src/base', 'src/config'], // tiny helpers and settings every layer uses
  ['src/store', 'src/llm'], // the generic store and its backends; the chat model over the openai client
  ['src/catalog'], // prompts/: pipelines, rules, constitution, prices, checked with zod
  ['src/engine'], // pipelines run as steps of model calls, with traces
  ['src/records'], // what the bot keeps: comparisons, votes, quotas, server config, memory, threads, leases
  ['src/ratings'], // counting votes and fitting ratings: pure maths over records
  ['src/eval', 'src/export'], // eval suites and judge agreement; dataset formats and backups
  ['src/boards'], // stored leaderboards, counted in a worker that also writes the public dataset
  ['src/cards'], // technique cards: a pipeline version's ratings, evals, agreement, cost and experiments together
  ['src/render'], // pure: records and results to Discord messages, charts, terminal text
  ['src/metrics'], // Prometheus counters about the engine and the bot
  ['src/web'], // the HTTP server: health, metrics, the public leaderboard page
  ['src/bot'], // the Discord surface: client, sessions, chat, votes
  ['commands'], // one file per slash command
  ['src/app'], // the composition root: builds the services and starts them
  ['src/cli', 'src/main\\.ts'], // entry points
];

const pathOf = (folders) => `^(${folders.join('|')})(/|$)`;

const upwardImports = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-import-up-from-${layer[0].replace(/^src\//, '').replace(/\W/g, '-')}`,
  comment: `${layer.join(' and ')} must not import a higher layer: ${LAYERS.slice(index + 1)
    .flat()
    .join(', ')}`,
  severity: 'error',
  from: { path: pathOf(layer) },
  to: { path: pathOf(LAYERS.slice(index + 1).flat()) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upwardImports,
    {
      name: 'no-circular',
      comment: 'files that import each other in a loop cannot be read, tested or moved one at a time',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unplaced-source',
      comment: 'every source folder belongs to a layer: add a new top-level folder to LAYERS',
      severity: 'error',
      from: { path: '^src/', pathNot: pathOf(LAYERS.flat()) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test|bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
