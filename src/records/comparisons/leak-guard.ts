// Finds the first marker (leak-markers.ts) in an answer before it is shown blind. A marker that starts or
// ends with a letter or digit must stand as a whole word there, so the rule id "S1" does not match "S10"
// and the model "o1" does not match "to1"; punctuation at a marker's edge ("Critique:") needs no boundary.
import type { LeakMarker } from '../../catalog/leak-markers.ts';

export type LeakGuard = (answer: string) => string | null;

const WORD = /[\p{L}\p{N}_]/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Models write typographic apostrophes as often as straight ones.
const normalise = (text: string) => text.replace(/[\u2018\u2019\u02BC]/g, "'");

function patternOf(marker: LeakMarker): RegExp {
  const text = normalise(marker.text);
  const before = WORD.test(text.at(0) ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD.test(text.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${escape(text).replace(/\s+/g, '\\s+')}${after}`, marker.caseSensitive ? 'u' : 'iu');
}

export function createLeakGuard(markers: readonly LeakMarker[]): LeakGuard {
  const patterns = markers.map((marker) => ({ text: marker.text, pattern: patternOf(marker) }));
  return (answer) => {
    const text = normalise(answer);
    return patterns.find(({ pattern }) => pattern.test(text))?.text ?? null;
  };
}
