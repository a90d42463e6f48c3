/** The webhooks Deputy keeps for every connected person. */
import type { CreateWebhookBody } from '../webex/types.js';

export const COMMANDS_WEBHOOK = 'deputy-commands';
export const CARDS_WEBHOOK = 'deputy-cards';

export function desiredWebhooks(
  personId: string,
  publicBaseUrl: string,
  secret: string,
): CreateWebhookBody[] {
  const targetUrl = `${publicBaseUrl}/webhooks/webex`;
  return [
    {
      name: COMMANDS_WEBHOOK,
      targetUrl,
      resource: 'messages',
      event: 'created',
      filter: `personId=${personId}`,
      secret,
    },
    { name: CARDS_WEBHOOK, targetUrl, resource: 'attachmentActions', event: 'created', secret },
  ];
}
