// What an answer looks like, as style control needs it (LMArena / FastChat `count_markdown_elements`): its length
// in tokens and characters, and its markdown, counted once when the answer is stored so no statistic reads a trace.
import { countTokens } from 'gpt-tokenizer';
import type { AnswerFeatures } from './answer-features-schema.ts';

const CODE_BLOCK = /```[^`]*```/g;
const HEADER = /^#{1,6}\s/gm;
const LIST_ITEM = /^\s*(?:\d+\.|[-*+])\s/gm;
const BOLD = /\*\*[^*\n]+\*\*|__[^_\n]+__/g;

const occurrences = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

export function answerFeatures(answer: string): AnswerFeatures {
  const withoutCode = answer.replace(CODE_BLOCK, '');
  return {
    tokens: countTokens(answer),
    chars: answer.length,
    headers: occurrences(withoutCode, HEADER),
    listItems: occurrences(withoutCode, LIST_ITEM),
    boldSpans: occurrences(withoutCode, BOLD),
    codeBlocks: occurrences(answer, CODE_BLOCK),
  };
}
