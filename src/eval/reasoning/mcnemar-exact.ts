// McNemar's exact test for two pipelines answering the same items: only the discordant pairs count
// (b = first right and second wrong, c = the reverse). Under "equally accurate" each discordant pair
// goes either way with probability ½, so p = min(1, 2 · P[X ≤ min(b, c)]) for X ~ Binomial(b + c, ½).
// Computed with exact integers (BigInt), so hand-worked values match to the last digit.

function binomialCoefficients(n: number): bigint[] {
  const row: bigint[] = [1n];
  for (let k = 1; k <= n; k++) row.push((row[k - 1] as bigint) * BigInt(n - k + 1) / BigInt(k));
  return row;
}

/** Two-sided exact p-value; 1 when there are no discordant pairs. */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const coefficients = binomialCoefficients(n);
  const tail = coefficients.slice(0, Math.min(b, c) + 1).reduce((sum, value) => sum + value, 0n);
  // p = tail / 2^(n-1). Shift both down when 2^(n-1) would overflow a double; what is lost is below 2^-1000.
  const excess = BigInt(Math.max(0, n - 1 - 1000));
  const p = Number(tail >> excess) / 2 ** (n - 1 - Number(excess));
  return Math.min(1, p);
}
