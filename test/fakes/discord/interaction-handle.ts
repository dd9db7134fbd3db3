// What a test holds after firing an interaction: how the bot acknowledged it, the messages it produced (the
// original response with every edit, follow-ups, a modal) and waits that resolve as soon as they appear.
import { InteractionResponseType } from 'discord.js';
import type { APIInteraction, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { FakeContext } from './context.ts';
import type { CallbackRecord, InteractionRecord, StoredMessage } from './state.ts';

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE data as sent to the bot. */
  readonly payload: APIInteraction;
  /** The accepted callback (at most one: Discord refuses a second with 40060, which only restCalls shows). */
  readonly callbacks: readonly CallbackRecord[];
  /** The acknowledgement type: 4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  readonly responseType: InteractionResponseType | undefined;
  readonly acknowledgedAfterMs: number | undefined;
  readonly deferred: boolean;
  /** Whether the original response is visible only to the user. */
  readonly ephemeral: boolean;
  /** The @original message: the reply, the deferred placeholder once edited, or the updated component message. */
  original(): StoredMessage | undefined;
  followUps(): StoredMessage[];
  /** The modal shown with callback type 9. */
  modal(): APIModalInteractionResponseCallbackData | undefined;
  waitForResponse(timeoutMs?: number): Promise<CallbackRecord>;
  /** Resolves once @original exists and matches; the default waits for it to stop "thinking". */
  waitForOriginal(predicate?: (message: StoredMessage) => boolean, timeoutMs?: number): Promise<StoredMessage>;
  waitForFollowUp(predicate?: (message: StoredMessage) => boolean, timeoutMs?: number): Promise<StoredMessage>;
}

const LOADING = 1 << 7;

export function interactionHandle(context: FakeContext, record: InteractionRecord): InteractionHandle {
  const { state, changes } = context;
  const original = (): StoredMessage | undefined => {
    const message = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
    return message && !message.deleted ? message : undefined;
  };
  const followUps = (): StoredMessage[] =>
    record.followUpIds.flatMap((id) => {
      const message = state.messages.get(id);
      return message && !message.deleted ? [message] : [];
    });
  const label = `interaction ${record.id}`;
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    callbacks: record.callbacks,
    get responseType() {
      return record.callbacks[0]?.type;
    },
    get acknowledgedAfterMs() {
      const first = record.callbacks[0];
      return first ? first.at - record.createdAt : undefined;
    },
    get deferred() {
      const type = record.callbacks[0]?.type;
      return (
        type === InteractionResponseType.DeferredChannelMessageWithSource ||
        type === InteractionResponseType.DeferredMessageUpdate
      );
    },
    get ephemeral() {
      return original()?.ephemeral ?? false;
    },
    original,
    followUps,
    modal: () => record.modal as APIModalInteractionResponseCallbackData | undefined,
    waitForResponse: (timeoutMs) =>
      changes.waitFor(() => record.callbacks[0], { timeoutMs, description: `a response to ${label}` }),
    waitForOriginal: (predicate = (message) => (message.flags & LOADING) === 0, timeoutMs) =>
      changes.waitFor(
        () => {
          const message = original();
          return message && predicate(message) ? message : undefined;
        },
        { timeoutMs, description: `the original response of ${label} to match` },
      ),
    waitForFollowUp: (predicate = () => true, timeoutMs) =>
      changes.waitFor(() => followUps().find(predicate), {
        timeoutMs,
        description: `a follow-up of ${label} to match`,
      }),
  };
}
