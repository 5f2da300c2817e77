"use server";

import { headers } from "next/headers";
import { requestClientAddress } from "@/lib/auth/request-address";
import { formString, runFormAction } from "@/lib/http/actions";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { CONFIRMATION_TTL_HOURS } from "@/lib/domain/email-delivery";
import { subscribeByEmail } from "@/lib/services/mail/subscribe-by-email";

/** Subscribes an address (no account) to a document or one section; the email asks it to confirm. */
export async function subscribeAction(form: FormData) {
  const documentSlug = formString(form, "document");
  const sectionSlug = formString(form, "section");
  const formLocale = formString(form, "locale");
  const locale = isLocale(formLocale) ? formLocale : DEFAULT_LOCALE;
  const query = sectionSlug ? `?muc=${encodeURIComponent(sectionSlug)}` : "";
  await runFormAction(`/${encodeURIComponent(documentSlug)}/nhan-tin${query}`, async () => {
    await subscribeByEmail({
      input: { email: formString(form, "email"), documentSlug, sectionSlug: sectionSlug || undefined },
      locale,
      // Rewritten by proxy.ts from the socket or the trusted proxies, never the client's own header.
      clientAddress: requestClientAddress(await headers()),
    });
    return messages(locale).email.pages.sent({ hours: CONFIRMATION_TTL_HOURS });
  });
}
