import { z } from "zod";
import { getDb } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { runTransaction } from "../../db/transaction";
import { checkWebhookUrl, generateWebhookSecret, isWebhookEvent, webhookSecretKey, type WebhookEvent } from "../../domain/webhooks";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";

/** Longest description an admin writes for an endpoint: a sentence naming the system and its owner. */
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 500;

export interface RegisterWebhookInput {
  url: string;
  description?: string;
  events: string[];
  /** A `whsec_…` secret the receiver already has; left empty, one is generated. */
  secret?: string;
}

const descriptionSchema = z.string().trim().max(MAX_WEBHOOK_DESCRIPTION_LENGTH);

/**
 * An admin registers a receiver. The secret is returned here, once; the page shows it once and
 * never again (it is kept to sign deliveries). New endpoints reach public addresses only: allowing
 * private targets is a separate, audited decision (set-webhook-endpoint.ts).
 */
export async function registerWebhookEndpoint(options: { actor: Actor; input: RegisterWebhookInput }): Promise<{ id: string; secret: string }> {
  authorize(options.actor, "admin:manage");
  const checked = checkWebhookUrl(options.input.url);
  if (!checked.ok) throw new AppError("BAD_REQUEST", "webhookUrlInvalid", { problem: checked.problem });
  const events = [...new Set(options.input.events)];
  if (events.length === 0 || !events.every(isWebhookEvent)) throw new AppError("BAD_REQUEST", "webhookEventsRequired");
  const description = descriptionSchema.safeParse(options.input.description ?? "");
  if (!description.success) throw new AppError("BAD_REQUEST", "webhookDescriptionTooLong");
  const given = options.input.secret?.trim() ?? "";
  if (given && !webhookSecretKey(given)) throw new AppError("BAD_REQUEST", "webhookSecretInvalid");
  const secret = given || generateWebhookSecret();
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { url: checked.url.toString(), description: description.data, events: JSON.stringify(events satisfies WebhookEvent[]), secret, createdById: options.actor.id },
    });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "webhook.created",
      targetType: "webhook",
      targetId: endpoint.id,
      data: { url: endpoint.url, events, secretGenerated: !given },
    });
    return { id: endpoint.id, secret };
  });
}
