// The three files of one technique card, all drawn from the card JSON: `<pipeline>-<version>.json` (the card
// itself), `.md` (to read or publish) and `.png` (the summary chart).
import type { TechniqueCard } from '../../cards/technique-card.ts';
import { renderCardPng } from '../charts/card-chart.ts';
import { renderCardMarkdown } from './card-markdown.ts';
import { VERSION_DIGITS } from '../../ratings/row-keys.ts';

export interface CardFile {
  name: string;
  content: string | Buffer;
}

/** `cot-3f2a1b2c`: the pipeline and the first characters of the version it describes. */
export const cardStem = (card: Pick<TechniqueCard, 'pipeline'>): string =>
  `${card.pipeline.id}-${card.pipeline.version.slice(0, VERSION_DIGITS)}`;

export async function cardFiles(card: TechniqueCard): Promise<CardFile[]> {
  const stem = cardStem(card);
  return [
    { name: `${stem}.json`, content: `${JSON.stringify(card, null, 2)}\n` },
    { name: `${stem}.md`, content: renderCardMarkdown(card) },
    { name: `${stem}.png`, content: await renderCardPng(card) },
  ];
}
