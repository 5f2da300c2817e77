"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getCurrentActor } from "@/lib/auth/current";
import { isTokenScope, parseTokenDays } from "@/lib/auth/api-tokens";
import { AppError, isAppError, renderErrorMessage } from "@/lib/errors";
import { formString, runFormAction } from "@/lib/http/actions";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { updateEmailPreferences } from "@/lib/services/mail/update-email-preferences";
import { markNotificationsRead } from "@/lib/services/notifications/list-notifications";
import { issueOwnApiToken, revokeOwnApiToken } from "@/lib/services/workspace/api-tokens";
import { revokeReviewerKey } from "@/lib/services/workspace/reviewer-keys";
import { authorize, requireActor } from "@/lib/policies";
import type { CreateTokenState } from "@/components/workspace/ApiTokenForm";

/**
 * Returns the new secret in the action's state: it is shown once and never put in a URL. The
 * form must say which access the token has: there is no default scope to fall into by accident.
 */
export async function createApiTokenAction(_previous: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const actor = requireActor(await getCurrentActor());
    authorize(actor, "apiToken:create");
    const scope = formString(form, "scope");
    if (!isTokenScope(scope)) throw new AppError("BAD_REQUEST", "tokenScope");
    const days = parseTokenDays(formString(form, "days"));
    const { secret } = await issueOwnApiToken({ actor, name: formString(form, "name"), scope, days });
    revalidatePath("/lam-viec");
    return { secret, error: null };
  } catch (error) {
    const locale = await getLocale();
    if (isAppError(error)) return { secret: null, error: renderErrorMessage(error, locale) };
    console.error("[action] create token failed", error);
    return { secret: null, error: messages(locale).errors.generic() };
  }
}

export async function revokeApiTokenAction(form: FormData) {
  await runFormAction("/lam-viec#tokens", async () => {
    const actor = requireActor(await getCurrentActor());
    await revokeOwnApiToken({ actor, tokenId: formString(form, "tokenId") });
    return messages(await getLocale()).workspace.tokenRevoked;
  });
}

/** Revokes one of the person's approval signing keys (the browser makes a new one on the next approval). */
export async function revokeReviewerKeyAction(form: FormData) {
  await runFormAction("/lam-viec#reviewer-keys", async () => {
    const actor = requireActor(await getCurrentActor());
    await revokeReviewerKey({ actor, keyId: formString(form, "keyId") });
    return messages(await getLocale()).approvals.revoked;
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

/** Marks every notification of the person as read: the header's count goes to zero on each of their open pages. */
export async function markNotificationsReadAction() {
  await runFormAction("/lam-viec#notifications", async () => {
    const actor = requireActor(await getCurrentActor());
    await markNotificationsRead({ actor });
    return messages(await getLocale()).notifications.markedRead;
  });
}
