"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getCurrentActor } from "@/lib/auth/current";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { formString, runFormAction } from "@/lib/http/actions";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { updateEmailPreferences } from "@/lib/services/mail/update-email-preferences";
import { authorize, requireActor } from "@/lib/policies";

export interface CreateTokenState {
  secret: string | null;
  error: string | null;
}

/** Returns the new secret in the action's state: it is shown once and never put in a URL. */
export async function createApiTokenAction(_previous: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const actor = requireActor(await getCurrentActor());
    authorize(actor, "apiToken:create");
    const { secret } = await createApiToken(await getDb(), { userId: actor.id, name: formString(form, "name") });
    revalidatePath("/lam-viec");
    return { secret, error: null };
  } catch (error) {
    if (isAppError(error)) return { secret: null, error: error.message };
    console.error("[action] create token failed", error);
    return { secret: null, error: "Không tạo được khóa; hãy thử lại (could not create token)." };
  }
}

export async function revokeApiTokenAction(form: FormData) {
  await runFormAction("/lam-viec#tokens", async () => {
    const actor = requireActor(await getCurrentActor());
    await revokeApiToken(await getDb(), { tokenId: formString(form, "tokenId"), userId: actor.id });
    return "Đã thu hồi khóa.";
  });
}

/** Saves the person's language and email choice; the interface follows the language chosen. */
export async function updateEmailPreferencesAction(form: FormData) {
  await runFormAction("/lam-viec#email", async () => {
    const actor = requireActor(await getCurrentActor());
    const saved = await updateEmailPreferences({ actor, input: { locale: formString(form, "locale"), delivery: formString(form, "delivery") } });
    (await cookies()).set(LOCALE_COOKIE, saved.locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: "lax" });
    return messages(saved.locale).notifications.preferences.saved;
  });
}
