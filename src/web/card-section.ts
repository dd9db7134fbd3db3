// The "Technique cards" section of the public page: per pipeline version, one line per section of its card (the
// headline figure with its interval, or plainly that there is no data and what to run), the PNG summary, and
// links to the card as Markdown and JSON.
import type { TechniqueCard } from '../cards/technique-card.ts';
import { cardSummaryLines } from '../render/cards/card-summary.ts';
import { WEB_PATHS } from './web-paths.ts';
import { VERSION_DIGITS } from '../ratings/row-keys.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const cardLink = (path: string, pipelineId: string) => `${path}?pipeline=${encodeURIComponent(pipelineId)}`;

function cardHtml(card: TechniqueCard): string {
  const { id, label, version } = card.pipeline;
  const lines = cardSummaryLines(card)
    .map(
      (line) =>
        `<li${line.measured ? '' : ' class="no-data"'}><b>${escapeHtml(line.section)}:</b> ${escapeHtml(line.text)}</li>`,
    )
    .join('');
  return (
    `<section class="card" id="card-${escapeHtml(id)}"><h3>${escapeHtml(label)} <code>${escapeHtml(id)}@${escapeHtml(version.slice(0, VERSION_DIGITS))}</code></h3>` +
    `<ul>${lines}</ul>` +
    `<img loading="lazy" src="${cardLink(WEB_PATHS.cardPng, id)}" alt="Summary of ${escapeHtml(label)}: its rates with 95% intervals" width="700">` +
    `<p class="small"><a href="${cardLink(WEB_PATHS.cardMarkdown, id)}">card as Markdown</a> · <a href="${cardLink(WEB_PATHS.cardJson, id)}">as JSON</a> (steps and prompts in full)</p></section>`
  );
}

export function renderCardSection(cards: readonly TechniqueCard[]): string {
  const intro =
    '<p class="small">Everything known about each technique at its current version, together: its rating here, its safety and reasoning evals (the latest stored runs), how often the judge model agrees with voters on its comparisons, and what an answer costs.</p>';
  const body = cards.length === 0 ? '<p>No pipelines in the catalog.</p>' : cards.map(cardHtml).join('\n');
  return `<h2 id="technique-cards">Technique cards</h2>${intro}\n${body}`;
}
