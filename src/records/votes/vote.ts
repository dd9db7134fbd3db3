// A vote is one person's live preference on one comparison. Only a salted hash of the voter is kept.

export type VoteChoice =
  | { kind: 'pick'; slot: number } // slot index in display order: 0 = A, 1 = B, ...
  | { kind: 'tie' }
  | { kind: 'all-bad' };

/** How a vote was cast: a reaction on the message, or a button where the bot cannot add or read reactions. */
export type VoteSource = 'reaction' | 'button';

export interface VoteRecord {
  comparisonId: string;
  /** HMAC of the Discord user id with the deployment's secret salt; the raw id is never stored. */
  voterHash: string;
  choice: VoteChoice;
  /** ISO time the live choice was cast. */
  castAt: string;
  /** The voter had revealed this comparison's pipelines before casting: kept, flagged, left out of rankings by default. */
  afterReveal: boolean;
  guildId: string | null;
  /** Cast past the voter's daily vote cap: kept, flagged, left out of rankings by default. Absent means false. */
  overCap?: boolean;
  /** Reason tags the voter gave with "Why?" (ids from prompts/reason-tags.yaml). Absent means none. */
  tags?: string[];
  /**
   * Cast while answers were still being written: the slots (display order) whose answers were in at that moment.
   * Absent means every slot was (votes cast after the comparison finished, and every vote stored before this existed).
   */
  completeSlots?: number[];
  /** Absent means 'reaction' (so every vote stored before buttons existed reads as one). */
  source?: VoteSource;
}
