// The position-bias check in words: picks per slot letter, χ², degrees of freedom, p-value, and a plain
// verdict. Slots are shuffled, so a letter picked more than chance points at the shuffle or at voters.
import type { PositionBias } from '../../stats/position-bias.js';

/** Below this many expected picks per slot the χ² approximation is too rough to call a bias either way. */
export const MIN_EXPECTED_PICKS = 5;
const SIGNIFICANCE = 0.05;

export function formatP(pValue: number): string {
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${pValue < 0.01 ? pValue.toFixed(3) : pValue.toFixed(2)}`;
}

export function biasVerdict(bias: PositionBias): string {
  const p = formatP(bias.pValue);
  const expectedPicks = bias.decisiveVotes / bias.slotCount;
  if (expectedPicks < MIN_EXPECTED_PICKS) {
    return `too few decisive votes to judge yet (${p}; needs about ${MIN_EXPECTED_PICKS * bias.slotCount})`;
  }
  if (bias.pValue >= SIGNIFICANCE) return `no sign of position bias (${p})`;
  const favoured = bias.slots.reduce((best, slot) => (slot.picks > best.picks ? slot : best));
  const cause = favoured.letter === 'A' ? 'voters picking the first answer' : 'voters favouring one position';
  return `⚠️ slot ${favoured.letter} is picked more than chance (${p}): check the shuffle or ${cause}`;
}

export function positionBiasLines(groups: readonly PositionBias[]): string[] {
  if (groups.length === 0) return ['Not checked yet: it needs decisive picks on comparisons where every answer finished.'];
  return groups.map((bias) => {
    const picks = bias.slots.map((slot) => `${slot.letter} ${slot.picks} (${Math.round(slot.rate * 100)}%)`).join(' · ');
    const statistic = `χ² = ${bias.chiSquare.toFixed(2)}, df = ${bias.degreesOfFreedom}`;
    const heading = groups.length > 1 ? `**${bias.slotCount} answers** · ` : '';
    return `${heading}${bias.decisiveVotes} decisive picks: ${picks}\n${statistic} → ${biasVerdict(bias)}`;
  });
}
