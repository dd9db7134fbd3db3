// The position-bias check in words: picks per slot letter (one per comparison), χ², degrees of freedom, the
// p-value (Holm-corrected when several slot counts are tested), and a plain verdict. Slots are shuffled, so a
// letter picked more than chance points at the shuffle or at voters.
import { plural } from '../../../base/plural.ts';
import { BIAS_SIGNIFICANCE, MIN_EXPECTED_PICKS, type PositionBias } from '../../../ratings/position-bias.ts';

export function formatP(pValue: number): string {
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${pValue < 0.01 ? pValue.toFixed(3) : pValue.toFixed(2)}`;
}

function pText(bias: PositionBias, testedGroups: number): string {
  if (bias.adjustedPValue === null || testedGroups < 2) return formatP(bias.pValue);
  return `${formatP(bias.pValue)}, Holm-corrected over ${testedGroups} slot counts ${formatP(bias.adjustedPValue).replace('p ', 'p′ ')}`;
}

export function biasVerdict(bias: PositionBias, testedGroups = 1): string {
  if (!bias.tested || bias.adjustedPValue === null) {
    return `too few comparisons to judge yet (${formatP(bias.pValue)}; needs about ${MIN_EXPECTED_PICKS * bias.slotCount})`;
  }
  const p = pText(bias, testedGroups);
  if (bias.adjustedPValue >= BIAS_SIGNIFICANCE) return `no sign of position bias (${p})`;
  const favoured = bias.slots.reduce((best, slot) => (slot.picks > best.picks ? slot : best));
  const cause = favoured.letter === 'A' ? 'voters picking the first answer' : 'voters favouring one position';
  return `⚠️ slot ${favoured.letter} is picked more than chance (${p}): check the shuffle or ${cause}`;
}

export function positionBiasLines(groups: readonly PositionBias[]): string[] {
  if (groups.length === 0)
    return ['Not checked yet: it needs decisive picks on comparisons where every answer finished.'];
  const testedGroups = groups.filter((group) => group.tested).length;
  return groups.map((bias) => {
    const picks = bias.slots
      .map((slot) => `${slot.letter} ${slot.picks} (${Math.round(slot.rate * 100)}%)`)
      .join(' · ');
    const statistic = `χ² = ${bias.chiSquare.toFixed(2)}, df = ${bias.degreesOfFreedom}`;
    const heading = groups.length > 1 ? `**${bias.slotCount} answers** · ` : '';
    return `${heading}${plural(bias.decisiveVotes, 'comparison')}, first decisive pick each: ${picks}\n${statistic} → ${biasVerdict(bias, testedGroups)}`;
  });
}
