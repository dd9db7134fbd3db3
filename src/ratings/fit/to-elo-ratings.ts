// Converts Bradley-Terry strengths θ to the Elo scale (base 10, scale 400): R = θ·400/ln 10, shifted so
// the anchor pipeline (plain, the control) sits at 1000, or the mean is 1000 when there is no anchor.

export const ELO_POINTS_PER_THETA = 400 / Math.LN10;
export const ELO_CENTRE = 1000;

export function toEloRatings(theta: Float64Array, anchorIndex: number | null): Float64Array {
  const ratings = theta.map((value) => value * ELO_POINTS_PER_THETA);
  const centre =
    anchorIndex === null
      ? ratings.reduce((sum, value) => sum + value, 0) / Math.max(ratings.length, 1)
      : ratings[anchorIndex]!;
  return ratings.map((value) => value - centre + ELO_CENTRE);
}
