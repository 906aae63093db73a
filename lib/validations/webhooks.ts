import * as z from 'zod/mini';
import { subscribableEventIds } from '@/lib/webhooks/outbound/events';
import { noNul } from './common';
import './locale';

// Outbound webhook endpoints, as the form, the actions and the API routes parse them. Whether plain
// http is allowed is the server's call (development only); the schema takes both schemes.

const NO_EVENTS = 'Choose at least one event to send.';

/** Stored as the URL parser writes it (`HTTPS://x` and `https:x` become `https://x/…`), so what is saved is what is called. */
export const webhookUrlSchema = z.pipe(
  z.string().check(
    noNul(),
    z.trim(),
    z.refine((value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
    }, 'Enter a full URL starting with https://, without a user name or password in it.'),
  ),
  z.pipe(
    z.transform((value: string) => new URL(value).href),
    z.string().check(z.maxLength(2000, 'Keep the URL under 2,000 characters.')),
  ),
);

const description = z.string().check(noNul(), z.trim(), z.maxLength(200, 'Keep the description under 200 characters.'));

const eventTypes = z
  .array(z.enum(subscribableEventIds, 'Choose from the events listed.'), NO_EVENTS)
  .check(z.minLength(1, NO_EVENTS), z.maxLength(subscribableEventIds.length, 'Choose each event once.'));

export const createWebhookSchema = z.object({
  url: webhookUrlSchema,
  description: z.optional(description),
  event_types: eventTypes,
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: z.optional(webhookUrlSchema),
    description: z.optional(description),
    event_types: z.optional(eventTypes),
    enabled: z.optional(z.boolean('Send true or false.')),
  })
  .check(z.refine((v) => Object.values(v).some((x) => x !== undefined), 'Send at least one of url, description, event_types or enabled.'));
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const webhookIdSchema = z.object({ id: z.uuid('Unknown endpoint.') });
export const deliveryIdSchema = z.object({ id: z.uuid('Unknown endpoint.'), deliveryId: z.uuid('Unknown delivery.') });

