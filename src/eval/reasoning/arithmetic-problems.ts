// A seeded generator of multi-step arithmetic word problems with known answers, written as GSM8K lines
// (`question`, `answer` with the worked steps and "#### <number>"), so the reasoning suite runs with no
// download. The same count and seed always give the same file.
import { seededRandom } from '../../base/seeded-random.ts';

export interface WordProblem {
  question: string;
  answer: string;
}

type Draw = (low: number, high: number) => number;
type Template = (
  draw: Draw,
  pick: <T>(options: readonly T[]) => T,
) => { question: string; steps: string[]; result: number };

const NAMES = [
  'Amara',
  'Bruno',
  'Chen',
  'Dalia',
  'Emeka',
  'Farah',
  'Goran',
  'Hana',
  'Ines',
  'Jonas',
  'Kiri',
  'Leila',
] as const;

const TEMPLATES: readonly Template[] = [
  (draw, pick) => {
    const [name, thing] = [pick(NAMES), pick(['stickers', 'marbles', 'cards', 'stamps'])];
    const [start, packs, perPack, given] = [draw(5, 40), draw(2, 9), draw(3, 12), draw(1, 20)];
    const bought = packs * perPack;
    return {
      question: `${name} has ${start} ${thing}. ${name} buys ${packs} packs of ${perPack} ${thing} each, then gives ${given} ${thing} to a friend. How many ${thing} does ${name} have now?`,
      steps: [
        `${packs} packs of ${perPack} is ${packs} * ${perPack} = ${bought} ${thing}.`,
        `${start} + ${bought} - ${given} = ${start + bought - given}.`,
      ],
      result: start + bought - given,
    };
  },
  (draw, pick) => {
    const [name, item] = [pick(NAMES), pick(['notebooks', 'pens', 'mugs', 'plants'])];
    const [price, count] = [draw(2, 15), draw(2, 8)];
    const spent = price * count;
    const note = [20, 50, 100, 200].find((value) => value >= spent) ?? 500;
    return {
      question: `A shop sells ${item} for $${price} each. ${name} buys ${count} of them and pays with a $${note} note. How much change, in dollars, does ${name} get?`,
      steps: [
        `${count} ${item} cost ${count} * ${price} = $${spent}.`,
        `The change is ${note} - ${spent} = $${note - spent}.`,
      ],
      result: note - spent,
    };
  },
  (draw, pick) => {
    const name = pick(NAMES);
    const [fastPages, fastDays, slowPages, slowDays, extra] = [
      draw(10, 40),
      draw(2, 6),
      draw(5, 15),
      draw(2, 6),
      draw(10, 120),
    ];
    const read = fastPages * fastDays + slowPages * slowDays;
    return {
      question: `${name} reads ${fastPages} pages a day for ${fastDays} days, then ${slowPages} pages a day for ${slowDays} days. The book has ${read + extra} pages. How many pages are left to read?`,
      steps: [
        `First ${fastPages} * ${fastDays} = ${fastPages * fastDays} pages, then ${slowPages} * ${slowDays} = ${slowPages * slowDays} pages.`,
        `${name} has read ${read} pages, so ${read + extra} - ${read} = ${extra} are left.`,
      ],
      result: extra,
    };
  },
  (draw) => {
    const [rows, perRow, dead, planted, fruit] = [draw(3, 12), draw(4, 15), draw(1, 10), draw(1, 10), draw(5, 30)];
    const trees = rows * perRow - dead + planted;
    return {
      question: `An orchard has ${rows} rows of ${perRow} apple trees. ${dead} trees die and ${planted} new ones are planted. If every tree gives ${fruit} apples, how many apples does the orchard give?`,
      steps: [
        `${rows} * ${perRow} = ${rows * perRow} trees; ${rows * perRow} - ${dead} + ${planted} = ${trees} trees.`,
        `${trees} * ${fruit} = ${trees * fruit} apples.`,
      ],
      result: trees * fruit,
    };
  },
  (draw, pick) => {
    const name = pick(NAMES);
    const [friends, share, weeks, gift] = [draw(2, 6), draw(5, 40), draw(3, 10), draw(5, 60)];
    const saved = friends * share + gift;
    const weekly = Math.ceil(saved / weeks);
    const left = weekly * weeks - gift;
    const each = Math.floor(left / friends);
    const kept = left - each * friends;
    return {
      question: `${name} saves $${weekly} a week for ${weeks} weeks, spends $${gift} on a gift, and shares the rest equally among ${friends} friends, keeping whatever cannot be split into whole dollars. How many dollars does each friend get?`,
      steps: [
        `${weekly} * ${weeks} = $${weekly * weeks} saved; ${weekly * weeks} - ${gift} = $${left} left.`,
        `${left} / ${friends} = ${each} dollars each, with $${kept} kept.`,
      ],
      result: each,
    };
  },
];

export function generateWordProblems(count: number, seed: number): WordProblem[] {
  const random = seededRandom(seed);
  const draw: Draw = (low, high) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  return Array.from({ length: count }, () => {
    const template = pick(TEMPLATES);
    const { question, steps, result } = template(draw, pick);
    return { question, answer: `${steps.join('\n')}\n#### ${result}` };
  });
}

export const toJsonl = (problems: WordProblem[]): string =>
  problems.map((problem) => JSON.stringify(problem)).join('\n') + '\n';
