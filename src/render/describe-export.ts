// One line a person reads after an export: how many lines were written from how many votes, and what was
// left out and why (the counts a researcher needs to trust the file).
import type { ExportSummary } from '../export/export-files.ts';
import { plural } from '../base/plural.ts';

export function describeExport(files: ExportSummary): string {
  const { skipped } = files;
  const reasons = [
    skipped.directMessages &&
      `${plural(skipped.directMessages, 'vote', 'votes')} on comparisons made in direct messages (kept private; --include-dms adds them)`,
    skipped.afterReveal && `${plural(skipped.afterReveal, 'vote', 'votes')} cast after a reveal`,
    skipped.beforeSince && `${plural(skipped.beforeSince, 'vote', 'votes')} before the since date`,
    skipped.missingComparison &&
      `${plural(skipped.missingComparison, 'vote', 'votes')} on a comparison no longer stored`,
    skipped.deletedPrompt &&
      `${plural(skipped.deletedPrompt, 'vote', 'votes')} on a comparison whose prompt was deleted`,
    skipped.noMajority && `${plural(skipped.noMajority, 'comparison', 'comparisons')} without a majority`,
    skipped.identicalPairs && `${plural(skipped.identicalPairs, 'pair', 'pairs')} with identical answers`,
    skipped.ties && `${plural(skipped.ties, 'tie', 'ties')} (no answer preferred)`,
    skipped.allBad && `${plural(skipped.allBad, '“all bad” vote', '“all bad” votes')} (no chosen answer)`,
    skipped.unpairedPicks &&
      `${plural(skipped.unpairedPicks, 'pick', 'picks')} of a failed answer or with no other answer to pair with`,
    skipped.invalidLines &&
      `${plural(skipped.invalidLines, 'line', 'lines')} that failed the format check (a bug: please report it)`,
  ].filter((reason): reason is string => typeof reason === 'string');
  const aggregate = files.aggregate === 'majority' ? 'majority per comparison' : 'one record set per vote';
  const written = `Wrote ${plural(files.lines, 'line', 'lines')} of ${files.format} (${aggregate}) from ${plural(files.votes, 'vote', 'votes')}.`;
  return `${written} ${reasons.length ? `Skipped: ${reasons.join(', ')}.` : 'Nothing skipped.'}`;
}
