"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current";
import { formString, runFormAction } from "@/lib/http/actions";
import { isAppError, renderErrorMessage } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { requireActor } from "@/lib/policies";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks/delete-webhook-endpoint";
import { registerWebhookEndpoint } from "@/lib/services/webhooks/register-webhook-endpoint";
import { replayWebhookDelivery } from "@/lib/services/webhooks/replay-webhook-delivery";
import { setWebhookEndpoint } from "@/lib/services/webhooks/set-webhook-endpoint";
import type { CreateWebhookState } from "@/components/admin/WebhookForm";

const PAGE = "/quan-tri/webhook";

/** Registers an endpoint and answers its secret, which the form shows this once. */
export async function createWebhookAction(_previous: CreateWebhookState, form: FormData): Promise<CreateWebhookState> {
  try {
    const actor = requireActor(await getCurrentActor());
    const { secret } = await registerWebhookEndpoint({
      actor,
      input: {
        url: formString(form, "url"),
        description: formString(form, "description"),
        events: form.getAll("events").filter((value): value is string => typeof value === "string"),
        secret: formString(form, "secret"),
      },
    });
    revalidatePath(PAGE);
    return { secret, error: null };
  } catch (error) {
    const locale = await getLocale();
    if (isAppError(error)) return { secret: null, error: renderErrorMessage(error, locale) };
    console.error("[action] create webhook failed", error);
    return { secret: null, error: messages(locale).errors.generic() };
  }
}

export async function updateWebhookAction(form: FormData) {
  await runFormAction(PAGE, async () => {
    const actor = requireActor(await getCurrentActor());
    await setWebhookEndpoint({
      actor,
      endpointId: formString(form, "endpointId"),
      change: { active: form.get("active") === "on", allowPrivate: form.get("allowPrivate") === "on" },
    });
    return messages(await getLocale()).webhooks.endpointSaved;
  });
}

export async function deleteWebhookAction(form: FormData) {
  await runFormAction(PAGE, async () => {
    const actor = requireActor(await getCurrentActor());
    await deleteWebhookEndpoint({ actor, endpointId: formString(form, "endpointId") });
    return messages(await getLocale()).webhooks.endpointRemoved;
  });
}

export async function replayWebhookAction(form: FormData) {
  await runFormAction(PAGE, async () => {
    const actor = requireActor(await getCurrentActor());
    await replayWebhookDelivery({ actor, deliveryId: formString(form, "deliveryId") });
    return messages(await getLocale()).webhooks.replayQueued;
  });
}
