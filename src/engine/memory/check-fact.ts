// Cleans and checks what the memory step wants to store: facts are later given to the model, so a "fact"
// that is really an instruction is refused, mentions are stripped (a fact must never ping anyone), control and
// invisible characters removed, length capped. Pure; the markers live in instruction-markers.ts.
import { INSTRUCTION_MARKERS } from './instruction-markers.ts';

export const FACT_MAX_LENGTH = 200;

export type FactCheck =
  { ok: true; fact: string } | { ok: false; reason: 'empty' | 'too-long' | `instruction:${string}` };

// User, role and channel mentions, and the two mass pings.
const MENTIONS = /<@[!&]?\d+>|<#\d+>|@(everyone|here)\b/gi;

export function cleanFactText(raw: string): string {
  return raw
    .normalize('NFKC') // full-width and other look-alike letters become plain ones before matching
    .replace(/\p{Cf}/gu, '') // zero-width and direction marks: invisible, and used to hide words from checks
    .replace(/\p{Cc}/gu, ' ')
    .replace(MENTIONS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function checkFact(raw: string): FactCheck {
  const fact = cleanFactText(raw);
  if (!fact) return { ok: false, reason: 'empty' };
  if (fact.length > FACT_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  const lower = fact.toLowerCase();
  const marker = INSTRUCTION_MARKERS.find(({ pattern }) => pattern.test(lower));
  return marker ? { ok: false, reason: `instruction:${marker.id}` } : { ok: true, fact };
}

/** The facts worth keeping from one extraction: checked, cleaned, without repeats, at most `max`. */
export function keepFacts(raw: readonly string[], max: number): { facts: string[]; refused: number } {
  const seen = new Set<string>();
  const facts: string[] = [];
  let refused = 0;
  for (const candidate of raw) {
    const checked = checkFact(candidate);
    if (!checked.ok) {
      refused += 1;
      continue;
    }
    const key = checked.fact.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push(checked.fact);
  }
  return { facts: facts.slice(0, max), refused };
}
