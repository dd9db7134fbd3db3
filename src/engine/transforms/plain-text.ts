// The `plain-text` presentation transform: the same answer without its formatting, so an experiment can measure
// what formatting alone does to votes. Headers become plain lines, emphasis and links their text, lists plain
// sentences, tables one sentence per row; code blocks and inline code stay exactly as written, since they are
// content rather than style. Parsed with marked's lexer (CommonMark + GFM), so code fences, nesting and
// escapes are read the way a Markdown renderer reads them.
import { Lexer, type Token, type Tokens } from 'marked';

/** A run of prose, or a code block kept byte for byte. */
type Block = { kind: 'prose'; text: string } | { kind: 'verbatim'; text: string };

const ENDS_A_SENTENCE = /[.!?…:;]["'”’)\]]*$/u;

/** Inline tokens to their visible text: markup dropped, code spans, escapes and HTML-like text kept as written. */
function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'codespan':
        case 'escape':
        case 'html':
          return token.raw;
        case 'image':
          return (token as Tokens.Image).text;
        case 'br':
          return '\n';
        case 'checkbox':
          return '';
        default:
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : token.raw;
      }
    })
    .join('');
}

/** One list item or table row as a sentence: on one line, ending in punctuation. */
function sentence(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ').trim();
  if (oneLine === '') return '';
  return ENDS_A_SENTENCE.test(oneLine) ? oneLine : `${oneLine}.`;
}

/** A list as sentences in one paragraph, nested items following their parent; code blocks break it. */
function listBlocks(list: Tokens.List): Block[] {
  const blocks: Block[] = [];
  let sentences: string[] = [];
  const flush = () => {
    if (sentences.length > 0) blocks.push({ kind: 'prose', text: sentences.join(' ') });
    sentences = [];
  };
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'list') {
        for (const item of (token as Tokens.List).items) visit(item.tokens);
      } else if (token.type === 'code') {
        flush();
        blocks.push({ kind: 'verbatim', text: token.raw.trimEnd() });
      } else if (token.type === 'text' || token.type === 'paragraph' || token.type === 'heading') {
        sentences.push(sentence(inlineText((token as Tokens.Text).tokens ?? [token])));
      } else if (token.type !== 'space' && token.type !== 'checkbox') {
        for (const block of blocksOf([token])) {
          if (block.kind === 'verbatim') {
            flush();
            blocks.push(block);
          } else sentences.push(sentence(block.text));
        }
      }
    }
  };
  visit([list]);
  flush();
  return blocks;
}

/** A table as one line per row: "Header: cell, Header: cell." */
function tableBlock(table: Tokens.Table): Block {
  const headers = table.header.map((cell) => inlineText(cell.tokens).trim());
  const rows = table.rows.map((row) =>
    sentence(
      row
        .map((cell, index) => {
          const value = inlineText(cell.tokens).trim();
          if (value === '') return '';
          return headers[index] ? `${headers[index]}: ${value}` : value;
        })
        .filter((part) => part !== '')
        .join(', '),
    ),
  );
  return { kind: 'prose', text: rows.filter((row) => row !== '').join('\n') };
}

function blocksOf(tokens: readonly Token[]): Block[] {
  return tokens.flatMap((token): Block[] => {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        return [];
      case 'code':
        return [{ kind: 'verbatim', text: token.raw.trimEnd() }];
      case 'list':
        return listBlocks(token as Tokens.List);
      case 'table':
        return [tableBlock(token as Tokens.Table)];
      case 'blockquote':
        return blocksOf((token as Tokens.Blockquote).tokens);
      case 'html':
        return [{ kind: 'prose', text: token.raw.trim() }];
      default:
        return [
          { kind: 'prose', text: ('tokens' in token && token.tokens ? inlineText(token.tokens) : token.raw).trim() },
        ];
    }
  });
}

/**
 * A prose line that would start a list, quote or header once displayed ("1. Intro" from "# 1. Intro"): its
 * marker is escaped (`1\\. Intro`), so it shows as written.
 */
const LINE_START_MARKER = /^(\s*)(#{1,6}|-#|>|[-*+]|\d+[.)])(?=\s|$)/gm;
const escapeMarker = (_line: string, indent: string, marker: string) =>
  `${indent}${marker.slice(0, -1)}\\${marker.slice(-1)}`;

/** The answer without Markdown formatting; code blocks and inline code unchanged. */
export function toPlainText(markdown: string): string {
  const blocks = blocksOf(new Lexer({ gfm: true }).lex(markdown));
  return blocks
    .map((block) => (block.kind === 'prose' ? block.text.replace(LINE_START_MARKER, escapeMarker) : block.text))
    .filter((text) => text !== '')
    .join('\n\n');
}
