/**
 * Each person's webhooks carry a secret of their own, derived from the master WEBHOOK_SECRET and
 * the person's id. Nothing needs storing, and one leaked per-person secret reveals no other.
 */
import { createHmac } from 'node:crypto';

export function webhookSecretFor(masterSecret: string, personId: string): string {
  return createHmac('sha256', masterSecret).update(`webhook-secret:${personId}`).digest('hex');
}
