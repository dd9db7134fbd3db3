// "votes 12, ballots 3": records per namespace for the backup and restore reports.
export function describeCounts(perNamespace: Record<string, number>): string {
  const entries = Object.entries(perNamespace).filter(([, count]) => count > 0);
  return entries.length === 0 ? 'nothing stored' : entries.map(([name, count]) => `${name} ${count}`).join(', ');
}
