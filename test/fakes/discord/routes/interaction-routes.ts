// Interaction callbacks and the interaction webhook (@original and follow-ups); no bot token needed, as on Discord.
import type { FakeContext } from '../context.ts';
import {
  answerCallback,
  findInteraction,
  findWebhookInteraction,
  followUp,
  webhookMessage,
} from '../interaction-responses.ts';
import { parseMessageInput, validateMessageInput } from '../message-input.ts';
import { messagePayload } from '../message-payload.ts';
import { deleteMessage, editMessage } from '../message-store.ts';
import { json, noContent, type RestRequest, type Route } from '../rest-types.ts';

export function interactionRoutes(context: FakeContext): Route[] {
  const { state } = context;
  const interactionOf = ({ params }: RestRequest) =>
    findWebhookInteraction(context, params.applicationId ?? '', params.token ?? '');
  const payload = (message: Parameters<typeof messagePayload>[1]) =>
    messagePayload(state, message, { withMember: false });
  const messagePath = '/webhooks/:applicationId/:token/messages/:messageId';

  return [
    {
      method: 'POST',
      pattern: '/interactions/:interactionId/:token/callback',
      auth: false,
      handle: ({ params, body, files, query }) => {
        const record = findInteraction(context, params.interactionId ?? '', params.token ?? '');
        return answerCallback(context, record, body, files, query.get('with_response') === 'true');
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:applicationId/:token',
      auth: false,
      handle: (request) => {
        const message = followUp(context, interactionOf(request), request.body, request.files);
        return request.query.get('wait') === 'false' ? noContent() : json(payload(message));
      },
    },
    {
      method: 'GET',
      pattern: messagePath,
      auth: false,
      handle: (request) =>
        json(payload(webhookMessage(context, interactionOf(request), request.params.messageId ?? ''))),
    },
    {
      method: 'PATCH',
      pattern: messagePath,
      auth: false,
      handle: (request) => {
        const message = webhookMessage(context, interactionOf(request), request.params.messageId ?? '');
        const input = parseMessageInput(request.body);
        validateMessageInput(input, request.files.length, message);
        return json(payload(editMessage(context, message, input, request.files)));
      },
    },
    {
      method: 'DELETE',
      pattern: messagePath,
      auth: false,
      handle: (request) => {
        deleteMessage(context, webhookMessage(context, interactionOf(request), request.params.messageId ?? ''));
        return noContent();
      },
    },
  ];
}
