// The private "Why?" reply: a select menu of reason tags for the voter's own vote, with the tags they gave
// before already selected, and the line shown once they have chosen. Pure API JSON.
import { ComponentType, type APIActionRowComponent, type APIStringSelectComponent } from 'discord.js';
import { encodeCustomId } from './custom-id.ts';

export interface ReasonTag {
  id: string;
  label: string;
  description?: string;
}

export interface ReasonTagsMenu {
  content: string;
  components: APIActionRowComponent<APIStringSelectComponent>[];
}

export const NO_VOTE_FOR_WHY =
  'Vote first (react 🇦 🇧 🇨 🇩, 🤝 or 👎 on the comparison), then press **Why?** to say what decided it.';
export const WHY_SWITCHED_OFF = 'Reason tags are switched off on this bot (there is no prompts/reason-tags.yaml).';

/** `votedFor`: the slot letter, or "a tie" / "all bad". */
export function renderReasonTagsMenu(
  comparisonId: string,
  votedFor: string,
  tags: readonly ReasonTag[],
  given: readonly string[],
): ReasonTagsMenu {
  const menu: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: encodeCustomId({ action: 'why-tags', comparisonId }),
    placeholder: 'Pick one or more reasons',
    min_values: 1,
    max_values: tags.length,
    options: tags.map((tag) => ({
      label: tag.label,
      value: tag.id,
      ...(tag.description === undefined ? {} : { description: tag.description }),
      default: given.includes(tag.id),
    })),
  };
  return {
    content: `Why did you vote **${votedFor}**? Your reasons are stored with your vote (changing the vote clears them) and counted on the leaderboard.`,
    components: [{ type: ComponentType.ActionRow, components: [menu] }],
  };
}

export function reasonTagsSaved(labels: readonly string[]): string {
  return `Thanks: your vote now carries ${labels.map((label) => `**${label}**`).join(', ')}. Press **Why?** again to change them.`;
}
