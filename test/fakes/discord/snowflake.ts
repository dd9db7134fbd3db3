// Discord-style snowflake ids: milliseconds since the Discord epoch shifted left 22 bits, strictly increasing, so
// ids sort by creation time exactly as real ones do (message pagination and @discordjs/rest route parsing rely on it).
const DISCORD_EPOCH = 1_420_070_400_000n;

export interface SnowflakeSource {
  next(): string;
}

export function createSnowflakes(): SnowflakeSource {
  let last = 0n;
  return {
    next() {
      const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
      last = now > last ? now : last + 1n;
      return last.toString();
    },
  };
}

export const compareSnowflakes = (left: string, right: string): number => {
  const difference = BigInt(left) - BigInt(right);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
};
