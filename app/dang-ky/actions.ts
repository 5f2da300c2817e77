"use server";

import { headers } from "next/headers";
import { requestClientAddress } from "@/lib/auth/request-address";
import { CONFIRMATION_TTL_HOURS } from "@/lib/domain/email-delivery";
import { formString, runFormAction } from "@/lib/http/actions";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { registerReader } from "@/lib/services/accounts/register-reader";

/** Self-registration of a reader account; the account exists once the emailed link is followed. */
export async function registerReaderAction(form: FormData) {
  const locale = await getLocale();
  await runFormAction("/dang-ky", async () => {
    await registerReader({
      input: { name: formString(form, "name"), email: formString(form, "email"), password: formString(form, "password") },
      locale,
      clientAddress: requestClientAddress(await headers()),
    });
    return messages(locale).consultation.registerSent({ hours: CONFIRMATION_TTL_HOURS });
  });
}
