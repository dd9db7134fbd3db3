// The dataset's documentation in words, written once from the model: the dataset card's sections and
// croissant.json's responsible-AI fields say the same things in the same sentences.
import { MIN_EXPECTED_PICKS, type PositionBias } from '../../ratings/position-bias.ts';
import type { ExportFormat } from '../schemas.ts';
import type { PublishedExport } from './published-export.ts';

export const FORMAT_DESCRIPTIONS: Record<ExportFormat, string> = {
  'trl-dpo': "prompt, chosen and rejected as plain strings (TRL's DPOTrainer, standard format)",
  'trl-dpo-chat': "prompt, chosen and rejected as chat messages (TRL's DPOTrainer, conversational format)",
  'hh-rlhf': 'chosen and rejected as "\\n\\nHuman: … \\n\\nAssistant: …" transcripts (Anthropic HH-RLHF)',
  'openai-dpo': "input messages with preferred and non-preferred output (OpenAI's preference fine-tuning)",
  kto: "prompt and completion as chat messages with a desirable/undesirable label (TRL's KTOTrainer)",
  raw: 'one line per vote with the conversation, every answer with its pipeline, version, model, features and run totals, the choice and the hashed voter',
};

const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function biasSentence(group: PositionBias): string {
  const slots = group.slots
    .map(
      (slot) =>
        `${slot.letter} ${percent(slot.rate)} (95% CI ${percent(slot.interval.lower)}–${percent(slot.interval.upper)})`,
    )
    .join(', ');
  const head =
    `Among ${count(group.decisiveVotes, 'comparison')} of ${group.slotCount} answers with a decisive pick (one pick each): ` +
    `${slots}, against ${percent(1 / group.slotCount)} each if the order did not matter`;
  if (!group.tested) return `${head}; too few picks to test (fewer than ${MIN_EXPECTED_PICKS} expected per letter).`;
  return (
    `${head}; χ² = ${group.chiSquare.toFixed(2)} with ${group.degreesOfFreedom} degree${group.degreesOfFreedom === 1 ? '' : 's'} of freedom, ` +
    `p = ${group.pValue.toFixed(3)} (Holm-adjusted ${group.adjustedPValue?.toFixed(3) ?? 'n/a'}), ` +
    `${(group.adjustedPValue ?? 1) < 0.05 ? 'a position bias' : 'no evidence of a position bias'}.`
  );
}

/** The measured position bias of the exported votes, one sentence per number of answers shown. */
export function positionBiasSummary(biases: readonly PositionBias[]): string {
  if (biases.length === 0)
    return 'Position bias could not be measured: no decisive pick on a comparison whose answers all finished.';
  return `Position bias, measured as which letter voters picked (answers are shuffled into letters at random). ${biases.map(biasSentence).join(' ')}`;
}

export interface DatasetProse {
  summary: string;
  collection: string;
  annotation: string;
  voters: string;
  personalInformation: string[];
  biases: string[];
  limitations: string[];
  useCases: string[];
  maintenance: string;
  pipelines: string[];
}

export function datasetProse(model: PublishedExport): DatasetProse {
  const { facts, selection, files } = model;
  const formats = [...new Set(files.map((file) => file.format))];
  const span =
    facts.firstVoteAt === null
      ? 'no votes'
      : `votes cast from ${facts.firstVoteAt.slice(0, 10)} to ${facts.lastVoteAt?.slice(0, 10)}`;
  return {
    summary:
      `Blind human preference votes between answers of dialog-agent techniques (pipelines of chat-model calls such as ` +
      `chain-of-thought, rules, constitutional critique and best-of-n), collected in Discord: ${count(facts.votes, 'vote')} by ` +
      `${count(facts.voters, 'voter')} on ${count(facts.comparisons, 'comparison')} in ${count(facts.servers, 'server')}, ${span}. ` +
      `Formats: ${formats.join(', ')}.`,
    collection:
      'A member of a Discord server runs /compare with a prompt; the bot answers it with two to four pipelines ' +
      '(up to eight models with the models option), shuffles the answers into the letters A, B, C… and shows them ' +
      'side by side without saying which technique wrote which. Members vote with a reaction (or a button where the ' +
      "bot cannot react): a letter for the best answer, 🤝 for a tie, 👎 if all are bad. A voter's latest reaction is " +
      'their vote; one live vote per person per comparison; bots never count. ' +
      (selection.includeAfterReveal
        ? 'Votes cast after a voter revealed the techniques are included and flagged (raw: afterReveal).'
        : 'Votes cast after a voter revealed the techniques are left out.') +
      (selection.since === null ? '' : ` Only votes cast on or after ${selection.since} are included.`) +
      (selection.guildId === null ? '' : " Only one server's votes are included."),
    annotation:
      `Each vote is one human judgement of a whole comparison: a pick of one answer over the others, a tie or "all bad" ` +
      `(${facts.choices.pick} picks, ${facts.choices.tie} ties, ${facts.choices.allBad} all bad). A pick among N answers gives ` +
      `N−1 chosen/rejected pairs in the pairwise formats; ties and all-bad give none (KTO labels every all-bad answer ` +
      `undesirable). ` +
      (selection.aggregate === 'majority'
        ? "Lines stand for the majority of a comparison's voters; split decisions are flagged in the sidecar."
        : 'Lines stand for single votes; several voters may judge the same comparison.') +
      ' No guidelines are given to voters beyond "which answer is best".',
    voters:
      'Voters are members of the Discord servers where the bot runs who chose to vote: self-selected, not sampled, ' +
      'not paid and not screened. Their demographics are unknown: the bot asks nothing about them. Each voter appears ' +
      'only as a salted HMAC of their Discord user id (the salt stays with the operator), the same for all their votes.',
    personalInformation: [
      'User ids are never exported: voters appear only as salted hashes (HMAC with a secret salt), which cannot be ' +
        'turned back into ids without the salt.',
      'A member who runs /forget-me has their votes, the prompts they wrote and their remembered facts deleted for ' +
        "good; later exports do not contain them. Prompts and answers older than the operator's retention period " +
        '(RETENTION_DAYS) are deleted from the store, and votes on them are left out of exports.',
      'Prompts and answers pass a PII filter: e-mail addresses, phone numbers, IP addresses, URLs with credentials ' +
        'or tokens, Discord mentions and ids, and runs of 12 or more digits are replaced by [email], [phone], [ip], ' +
        '[url-with-secret], [mention], [id] and [number]. Names or addresses written out in words are not caught.',
      selection.includeDirectMessages
        ? `Comparisons made in direct messages with the bot are included (${facts.directMessageVotes} votes; their server id is null).`
        : 'Comparisons made in direct messages with the bot are left out.',
      'Prompts are free text written by server members and may mention themselves or others.',
    ],
    biases: [
      'Voters are self-selected members of a few Discord servers, not a representative sample of any population; ' +
        'what they like may differ from what others like.',
      'Longer and more formatted answers tend to win votes regardless of content (style bias); the raw format ' +
        "carries each answer's length and markdown counts so a style-controlled model can be fitted.",
      positionBiasSummary(facts.positionBias),
      'Several votes on one comparison judge the same answers and are not independent; cluster by comparison.',
    ],
    limitations: [
      'Prompts are whatever members asked, in the proportions they asked it; they are not a benchmark.',
      "The answers come from the models and settings each server configured; a pipeline's answers across servers " +
        'may come from different models (raw: model per answer).',
      'Majority labels and single votes are noisy; do not read one vote as ground truth.',
    ],
    useCases: [
      'Preference fine-tuning (DPO, KTO) and reward modelling on human judgements of chat answers.',
      'Comparing dialog-agent techniques: Bradley–Terry ratings with style control, recomputed from the raw format.',
      'Studying human preference biases (position, length, formatting) in blind comparisons.',
    ],
    maintenance:
      `Version ${model.publication.version}, published ${model.publication.datePublished} by ${model.publication.creator}. ` +
      'Each release is a new export from the live store; votes deleted with /forget-me or by retention disappear from ' +
      'the next release, so older releases should be replaced, not kept alongside. Files carry SHA-256 checksums in croissant.json.',
    pipelines: facts.pipelines.map(
      (pipeline) =>
        `${pipeline.pipelineId}: ${count(pipeline.answers, 'answer')}` +
        (pipeline.versions.length === 0
          ? ''
          : `, version${pipeline.versions.length === 1 ? '' : 's'} ${pipeline.versions.join(', ')}`) +
        (pipeline.models.length === 0
          ? ''
          : `, model${pipeline.models.length === 1 ? '' : 's'} ${pipeline.models.join(', ')}`),
    ),
  };
}
