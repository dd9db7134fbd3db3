// Published GSM8K accuracies printed beside our reasoning results as reference rows. They come from the
// papers, not from this tool: other models, other prompts, the full GSM8K test set.

export interface PublishedFigure {
  source: string;
  model: string;
  method: string;
  accuracy: number;
  /** The shipped pipeline that follows this method (its technique card shows the row); null when none does. */
  pipeline: string | null;
}

export const PUBLISHED_GSM8K: readonly PublishedFigure[] = [
  {
    source: 'Kojima et al. 2022',
    model: 'text-davinci-002',
    method: 'zero-shot (plain)',
    accuracy: 0.104,
    pipeline: 'plain',
  },
  {
    source: 'Kojima et al. 2022',
    model: 'text-davinci-002',
    method: 'zero-shot CoT ("Let\'s think step by step")',
    accuracy: 0.407,
    pipeline: 'cot',
  },
  {
    source: 'Wang et al. 2023',
    model: 'code-davinci-002',
    method: 'few-shot CoT, greedy',
    accuracy: 0.601,
    pipeline: null,
  },
  {
    source: 'Wang et al. 2023',
    model: 'code-davinci-002',
    method: 'self-consistency, 40 paths (+17.9 points)',
    accuracy: 0.78,
    pipeline: 'self-consistency',
  },
];
