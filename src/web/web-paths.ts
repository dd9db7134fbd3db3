// Where the public page and its parts are served; the page links them and the routes mount them from here.
export const WEB_PATHS = {
  page: '/',
  json: '/leaderboard.json',
  ratingsChart: '/charts/ratings.png',
  matrixChart: '/charts/head-to-head.png',
  dataset: '/data/trl-dpo.jsonl',
} as const;
