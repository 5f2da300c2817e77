"use server";

import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { isAppError, renderErrorMessage } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { formString } from "@/lib/http/actions";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { authorize, requireActor } from "@/lib/policies";
import { startRestoreProposal } from "@/lib/services/history/start-restore-proposal";

/** Slugs as the handbook makes them; anything else is not sent back into a redirect. */
const SLUG_PATTERN = /^[a-z0-9-]{1,80}$/;

/** Starts a RESTORE proposal for a version (or one section of it) and opens the proposal. */
export async function restoreVersionAction(form: FormData): Promise<void> {
  const slug = formString(form, "document");
  const sectionSlug = formString(form, "sectionSlug");
  const sectionId = formString(form, "sectionId") || undefined;
  const historyPath = !SLUG_PATTERN.test(slug) ? "/" : SLUG_PATTERN.test(sectionSlug) ? `/${slug}/lich-su/${sectionSlug}` : `/${slug}/lich-su`;
  let proposalId: string;
  try {
    const actor = requireActor(await getCurrentActor());
    authorize(actor, "proposal:create");
    await enforceRateLimit("proposalCreate", personRateKey(actor));
    const versionNumber = Number(formString(form, "version"));
    const proposal = await startRestoreProposal({ actor, slug, versionNumber, sectionId });
    proposalId = proposal.id;
  } catch (error) {
    if (!isAppError(error)) console.error("[action] restore failed", error);
    const locale = await getLocale();
    const message = isAppError(error) ? renderErrorMessage(error, locale) : messages(locale).errors.generic();
    redirect(`${historyPath}?error=${encodeURIComponent(message)}`);
  }
  redirect(`/lam-viec/de-xuat/${encodeURIComponent(proposalId)}`);
}
