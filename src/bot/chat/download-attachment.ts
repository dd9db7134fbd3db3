// Streams one attachment: its first bytes decide how many it may have at all, and reading stops past that limit,
// so neither a large upload nor a size Discord under-reported can fill memory.

export interface Downloaded<Decision> {
  decision: Decision;
  /** Everything read; null when the file went past the decision's limit (the rest was not read). */
  bytes: Buffer | null;
}

/** `decide` sees the first `headBytes` bytes (fewer if the file is shorter); its `limit` null means stop there. */
export async function downloadAttachment<Decision extends { limit: number | null }>(
  url: string,
  headBytes: number,
  decide: (head: Buffer) => Decision,
): Promise<Downloaded<Decision>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let decision: Decision | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value !== undefined) {
        chunks.push(value);
        length += value.length;
      }
      if (decision === undefined && (done || length >= headBytes)) decision = decide(Buffer.concat(chunks));
      if (decision === undefined) continue; // still reading the first bytes (`done` always brings a decision)
      if (decision.limit === null) return { decision, bytes: Buffer.concat(chunks) };
      if (length > decision.limit) return { decision, bytes: null };
      if (done) return { decision, bytes: Buffer.concat(chunks) };
    }
  } finally {
    await reader.cancel().catch(() => undefined); // the rest of the body is not wanted; a failed cancel changes nothing
  }
}
