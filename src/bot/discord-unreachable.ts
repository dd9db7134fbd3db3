// Whether a failed Discord request never reached Discord (refused, unknown host, timed out connecting), as
// opposed to an answer Discord gave: then the message should name the DISCORD_API_URL that was tried.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The socket error code (Node's system codes, undici's connect timeout), or undefined for any other error. */
export function unreachableCode(error: unknown): string | undefined {
  const code =
    (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && UNREACHABLE.has(code) ? code : undefined;
}

export const unreachableMessage = (apiUrl: string, code: string): string =>
  `could not connect to Discord at ${apiUrl} (${code}). Check DISCORD_API_URL (usually https://discord.com/api) and this machine's network.`;
