// Wires discord.js events to handlers. Nothing connects until `start`; `stop` lets running comparisons
// finish (or cancels them after a grace period, persisting their slots) before disconnecting.
import {
  Events,
  type Client,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { LogContext } from '../base/logger.ts';
import type { ErrorKind } from '../metrics/bot-metrics.ts';
import { createKeyedQueue } from '../store/keyed-queue.ts';
import type { Command } from './command.ts';
import { handleChatMessage } from './chat/chat-handler.ts';
import { handleInteraction } from './handle-interaction.ts';
import type { ReactionChange } from '../records/votes/vote-ledger.ts';
import { handleReaction, type SeenReaction } from './votes/reaction-handler.ts';
import { onUncachedDmReaction } from './votes/uncached-dm-reactions.ts';
import { recoverInterrupted } from './sessions/recover-interrupted.ts';
import { reconcileVotes } from './votes/reconcile-votes.ts';
import { createExperimentChecker } from './experiments/check-experiment.ts';
import { createRequestBudget } from './votes/request-budget.ts';
import type { Services } from './services.ts';

export interface Bot {
  client: Client;
  start(token: string): Promise<void>;
  stop(options?: { graceMs?: number }): Promise<void>;
}

// How often running comparisons are checked for a dead owner: about the lease's time to expire.
const RECOVERY_INTERVAL_MS = 30_000;

export function createBot(client: Client, commands: readonly Command[], services: Services): Bot {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  let stopping = false;
  const guard = (kind: ErrorKind, what: string, work: () => Promise<void>, context: LogContext = {}) => {
    if (stopping) return;
    work().catch((error: unknown) => {
      services.log.error(`${what} failed`, error, context);
      services.metrics.errorSeen(kind);
    });
  };

  let recoveryTimer: NodeJS.Timeout | undefined;
  // Stops reconciliation between requests (and aborts the one in flight) before the client and its token go away.
  const shutdown = new AbortController();
  let reconciling: Promise<void> | undefined;
  client.once(Events.ClientReady, (ready) => {
    services.log.info(`logged in as ${ready.user.tag}; ${ready.guilds.cache.size} server(s)`);
    // Reactions stored from now on were seen live by this process: reconciliation puts those found only on Discord before them.
    const listeningSince = new Date();
    let recovering = false;
    const recover = () => {
      if (recovering) return;
      recovering = true;
      guard('recovery', 'recovering interrupted comparisons', async () => {
        try {
          await recoverInterrupted(ready, services);
        } finally {
          recovering = false;
        }
      });
    };
    // At start-up (after any journal a previous run left is replayed) and after every store outage: votes cast
    // while the bot was not listening, or not storing, are read back from the messages' reactions.
    let again = false;
    const budget = createRequestBudget(services.settings.RECONCILE_REQUESTS_PER_SECOND);
    const reconcile = () => {
      if (reconciling !== undefined) return void (again = true);
      guard('recovery', 'reconciling votes with Discord', async () => {
        reconciling = (async () => {
          do {
            again = false;
            await services.reactions.settled();
            const { comparisons, repairs, gone } = await reconcileVotes(ready, services, {
              listeningSince,
              budget,
              signal: shutdown.signal,
            });
            if (comparisons > 0)
              services.log.info(
                `reconciled votes on ${comparisons} recent comparison(s) with Discord: ${repairs} repair(s)`,
              );
            if (gone > 0)
              services.log.info(`${gone} comparison message(s) no longer exist on Discord: no longer reconciled`);
          } while (again && !stopping);
        })();
        try {
          await reconciling;
        } catch (error) {
          // Shutdown cut the pass short on purpose; the next start reconciles again.
          if (!shutdown.signal.aborted) throw error;
        } finally {
          reconciling = undefined;
        }
      });
    };
    // Started during a store outage: both wait until the store is up (then the votes cast meanwhile are read back).
    void services.storeUp.then(() => {
      if (stopping) return;
      recover();
      reconcile();
      services.reactions.whenStoreBack(reconcile);
      recoveryTimer = setInterval(recover, RECOVERY_INTERVAL_MS);
      recoveryTimer.unref();
    });
  });
  client.on(Events.InteractionCreate, (interaction) =>
    guard('interaction', 'interaction', () => handleInteraction(interaction, byName, services), {
      interactionId: interaction.id,
    }),
  );
  client.on(Events.MessageCreate, (message) => {
    if (client.isReady())
      guard('chat', 'chat', () => handleChatMessage(message, client, services), {
        messageId: message.id,
        channelId: message.channelId,
      });
  });
  // One user's reactions on one message are handled strictly in arrival order: their lookups take
  // different times, and "add 🇦, remove 🇦" applied the other way round would leave a vote behind.
  const reactionOrder = createKeyedQueue();
  const onReaction = (reaction: SeenReaction, channelId: string, change: ReactionChange) => {
    // Set by READY, which comes before any other event; reactions may arrive while guilds are still loading.
    const botUserId = client.user?.id;
    if (botUserId === undefined) return;
    guard(
      'vote',
      change === 'add' ? 'vote' : 'vote withdrawal',
      () =>
        reactionOrder.run(`${reaction.messageId}:${reaction.userId}`, () =>
          handleReaction(reaction, change, services, botUserId),
        ),
      { messageId: reaction.messageId, channelId, emoji: reaction.emoji ?? undefined },
    );
  };
  const fromDiscordJs =
    (change: ReactionChange) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) =>
      onReaction(
        // Guild reaction events carry the member's user; DM events may not, so ask Discord whether it is a bot.
        {
          messageId: reaction.message.id,
          userId: user.id,
          emoji: reaction.emoji.name,
          isBot: async () => (user.partial ? (await user.fetch()).bot : user.bot),
        },
        reaction.message.channelId,
        change,
      );
  client.on(Events.MessageReactionAdd, fromDiscordJs('add'));
  client.on(Events.MessageReactionRemove, fromDiscordJs('remove'));
  onUncachedDmReaction(client, services.log, (reaction, change) =>
    onReaction(
      { ...reaction, isBot: async () => (await client.users.fetch(reaction.userId)).bot },
      reaction.channelId,
      change,
    ),
  );
  // A vote on an experiment's comparison may be the one that decides it: the experiment then stops itself.
  const checkExperiment = createExperimentChecker(client, services);
  const stopWatchingVotes = services.voteChanges.subscribe((comparisonId) =>
    guard('vote', 'experiment check', () => checkExperiment(comparisonId), { comparisonId }),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    services.log.warn(`Discord connection closed (code ${event.code}); reconnecting`, { shard: shardId }),
  );
  client.on(Events.ShardResume, (shardId, replayed) =>
    services.log.info(`Discord connection resumed (${replayed} missed events replayed)`, { shard: shardId }),
  );
  client.on(Events.Warn, (message) => services.log.warn(`discord: ${message}`));
  client.on(Events.Error, (error) => {
    services.log.error('discord client error', error);
    services.metrics.errorSeen('discord');
  });

  return {
    client,
    async start(token) {
      await client.login(token);
    },
    async stop(options = {}) {
      stopping = true;
      stopWatchingVotes();
      clearInterval(recoveryTimer);
      shutdown.abort();
      await reconciling?.catch(() => undefined); // its failure, if any, is logged where it runs
      if (services.inflight.size > 0)
        services.log.info(`waiting for ${services.inflight.size} running answer(s) to finish`);
      await services.inflight.drain(options.graceMs ?? 20_000);
      await client.destroy();
    },
  };
}
