// Presentation transforms change how an arm's answer looks, never what it says: `plain-text` drops Markdown
// formatting but keeps code exactly, `final-only` drops visible reasoning. Tricky Markdown is where a
// regex-based stripper would break code or lose list items.
import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  transformNameSchema,
  type TransformContext,
} from '../../src/engine/transforms/apply-transform.ts';
import type { StepTrace } from '../../src/engine/trace.ts';

const noRun: TransformContext = { trace: [] };
const plain = (markdown: string) => applyTransform('plain-text', markdown, noRun);

describe('transform names', () => {
  it('knows plain-text and final-only, and refuses anything else', () => {
    expect(transformNameSchema.options).toEqual(['plain-text', 'final-only']);
    expect(transformNameSchema.safeParse('plain-text').success).toBe(true);
    expect(transformNameSchema.safeParse('shouting').success).toBe(false);
  });
});

describe('plain-text', () => {
  it('turns headers into plain lines and drops bold, italics and strike-through', () => {
    expect(plain('# Results\n\n## Part *one*\n\nThis is **very** _important_ and ~~wrong~~ __right__.')).toBe(
      'Results\n\nPart one\n\nThis is very important and wrong right.',
    );
  });

  it('keeps a link’s text, an image’s description, and bare addresses', () => {
    expect(plain('See [the docs](https://example.com "Docs"), ![a cat](cat.png) and <https://x.org>.')).toBe(
      'See the docs, a cat and https://x.org.',
    );
  });

  it('turns a list into sentences, nested items following their parent, in order', () => {
    const markdown = [
      'Steps:',
      '',
      '1. Preheat the oven',
      '2. Mix **flour** and water:',
      '   - flour first',
      '     * sifted',
      '   - then water!',
      '3. Bake for 20 minutes.',
      '',
      'Done.',
    ].join('\n');
    expect(plain(markdown)).toBe(
      'Steps:\n\nPreheat the oven. Mix flour and water: flour first. sifted. then water! Bake for 20 minutes.\n\nDone.',
    );
  });

  it('reads a loose list and a task list the same way', () => {
    expect(plain('- one\n\n- two\n  continued\n\n- [x] three\n- [ ] four')).toBe('one. two continued. three. four.');
  });

  it('keeps a code fence byte for byte, even when its content looks like Markdown', () => {
    const fence = ['```markdown', '# not a header', '- not a list', '**not bold** [not](a link)', '```'].join('\n');
    expect(plain(`Here:\n\n${fence}\n\n**After** it.`)).toBe(`Here:\n\n${fence}\n\nAfter it.`);
  });

  it('keeps tilde fences, indented code and a fence inside a list item', () => {
    expect(plain('~~~\n*x*\n~~~')).toBe('~~~\n*x*\n~~~');
    expect(plain('Code:\n\n    let a = *b*;\n    # comment')).toBe('Code:\n\n    let a = *b*;\n    # comment');
    expect(plain('- Run this:\n\n  ```sh\n  npm test -- **/*.ts\n  ```\n- Then *relax*')).toBe(
      'Run this:\n\n```sh\nnpm test -- **/*.ts\n```\n\nThen relax.',
    );
  });

  it('keeps inline code verbatim, stars and all', () => {
    expect(plain('Use `a **b** c` or ``x ` y`` *now*.')).toBe('Use `a **b** c` or ``x ` y`` now.');
  });

  it('turns a table into one sentence per row, naming each column', () => {
    const table = ['| Model | Score | Note |', '|:--|--:|---|', '| **GPT** | 91 | `fast` |', '| Other | 88 | |'].join(
      '\n',
    );
    expect(plain(`Scores:\n\n${table}`)).toBe(
      'Scores:\n\nModel: GPT, Score: 91, Note: `fast`.\nModel: Other, Score: 88.',
    );
  });

  it('drops quote markers and rules but keeps their words', () => {
    expect(plain('> Quoted *words*\n> > nested\n\n---\n\nAfter')).toBe('Quoted words\n\nnested\n\nAfter');
  });

  it('leaves HTML-like text, comparisons and escaped characters as written', () => {
    expect(plain('Use the <div> tag when 1 < 2 && 3 > 2, not \\*stars\\* or <br/>.')).toBe(
      'Use the <div> tag when 1 < 2 && 3 > 2, not \\*stars\\* or <br/>.',
    );
  });

  it('escapes a line that would display as a list or header once its formatting is gone', () => {
    expect(plain('# 1. Introduction\n\n## - aside')).toBe('1\\. Introduction\n\n\\- aside');
  });

  it('leaves plain text alone and an empty answer empty', () => {
    expect(plain('Paris is the capital of France.\nIt is large.')).toBe(
      'Paris is the capital of France.\nIt is large.',
    );
    expect(plain('')).toBe('');
    expect(plain('  \n\n ')).toBe('');
  });
});

/** A trace step with only what final-only reads filled in meaningfully. */
function step(fields: Pick<StepTrace, 'step' | 'kind' | 'outputText'> & Partial<StepTrace>): StepTrace {
  return {
    model: 'gpt-4o-mini',
    params: {},
    inputMessages: [],
    tokensIn: 0,
    tokensOut: 0,
    latencyMs: 0,
    costUsd: 0,
    ...fields,
  };
}

describe('final-only', () => {
  const path = 'First, 6 × 7 is 6 sevens.\n\nThat makes 42.\n\nFinal answer: **42**';

  it('shows the voted answer a self-consistency run recorded, not the reasoning path', () => {
    const trace = [
      step({ step: 'candidates#1', kind: 'generate', outputText: path }),
      step({
        step: 'vote',
        kind: 'vote',
        outputText: '"42" ×5',
        parsedJson: { tally: { '42': 5 }, agreement: 1, tie: false, chosenPath: 1, answer: '**42**' },
      }),
    ];
    expect(applyTransform('final-only', path, { trace })).toBe('**42**');
  });

  it('reads older traces without the recorded answer: the chosen path’s extraction, else its final line', () => {
    const vote = step({
      step: 'vote',
      kind: 'vote',
      outputText: '"42" ×3',
      parsedJson: { tally: { '42': 3 }, agreement: 0.6, tie: false, chosenPath: 2 },
    });
    const extraction = step({ step: 'vote.extract2', kind: 'extract', outputText: ' 42 apples ' });
    expect(applyTransform('final-only', 'It is 42 apples.', { trace: [extraction, vote] })).toBe('42 apples');
    expect(applyTransform('final-only', path, { trace: [vote] })).toBe('**42**');
  });

  it('leaves answers with no visible reasoning unchanged: chain of thought, single calls, no trace', () => {
    const cot = [
      step({ step: 'reason', kind: 'generate', outputText: '1. … So the answer is 42.' }),
      step({ step: 'answer', kind: 'extract', outputText: 'It is 42.' }),
    ];
    expect(applyTransform('final-only', 'It is 42.', { trace: cot })).toBe('It is 42.');
    expect(applyTransform('final-only', '# Hello\n\n**bold**', noRun)).toBe('# Hello\n\n**bold**');
  });

  it('keeps the answer when a vote step’s output is not what it expects', () => {
    const odd = step({ step: 'vote', kind: 'vote', outputText: '?', parsedJson: { something: 'else' } });
    expect(applyTransform('final-only', path, { trace: [odd] })).toBe(path);
  });
});
