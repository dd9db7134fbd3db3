// Where the public page and its parts are served; the page links them and the routes mount them from here.
export const WEB_PATHS = {
  page: '/',
  json: '/leaderboard.json',
  ratingsChart: '/charts/ratings.png',
  matrixChart: '/charts/head-to-head.png',
  dataset: '/data/trl-dpo.jsonl',
  /** Technique cards, each asked for with ?pipeline=<id>. */
  cardJson: '/cards/card.json',
  cardMarkdown: '/cards/card.md',
  cardPng: '/cards/card.png',
} as const;
