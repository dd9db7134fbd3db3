// Splitting a character budget fairly between parts: each gets an equal share, and whatever short
// parts leave unused is shared again among the longer ones.

/** Allowance per part, in the parts' order; never more than a part wants or than `cap`. */
export function shareBudget(wanted: number[], budget: number, cap = Number.POSITIVE_INFINITY): number[] {
  const allowances = wanted.map(() => 0);
  const order = wanted.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length);
  let remaining = Math.max(0, Math.floor(budget));
  for (const [position, part] of order.entries()) {
    const share = Math.floor(remaining / (order.length - position));
    const given = Math.max(0, Math.min(part.length, share, cap));
    allowances[part.index] = given;
    remaining -= given;
  }
  return allowances;
}
