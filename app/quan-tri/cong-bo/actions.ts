"use server";

import { getCurrentActor } from "@/lib/auth/current";
import { formString, runFormAction } from "@/lib/http/actions";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { requireActor } from "@/lib/policies";
import { setConsultationSettings } from "@/lib/services/admin/set-consultation-settings";
import { createEdition } from "@/lib/services/publication/create-edition";
import { withdrawVersion } from "@/lib/services/publication/withdraw-version";

/** Where the forms return: the document's publication page (only a slug-shaped value is kept). */
function returnPath(form: FormData, anchor: string): string {
  const document = formString(form, "document");
  return /^[a-z0-9-]{1,80}$/.test(document) ? `/quan-tri/cong-bo/${document}#${anchor}` : "/quan-tri";
}

/** Names a version as an edition (lib/services/publication/create-edition.ts). */
export async function createEditionAction(form: FormData) {
  await runFormAction(returnPath(form, "editions"), async () => {
    const actor = requireActor(await getCurrentActor());
    const { t } = await getMessages();
    const edition = await createEdition({
      actor,
      slug: formString(form, "document"),
      number: Number(formString(form, "version")),
      name: formString(form, "name"),
      editionSlug: formString(form, "editionSlug") || null,
      note: formString(form, "note"),
    });
    return t.publication.editionCreated({ name: edition.name });
  });
}

/** Withdraws a version by a new logged event (lib/services/publication/withdraw-version.ts). */
export async function withdrawVersionAction(form: FormData) {
  await runFormAction(returnPath(form, "withdraw"), async () => {
    const actor = requireActor(await getCurrentActor());
    const { locale, t } = await getMessages();
    const withdrawn = await withdrawVersion({
      actor,
      slug: formString(form, "document"),
      number: Number(formString(form, "version")),
      reason: formString(form, "reason"),
      effectiveOn: formString(form, "effectiveOn") || null,
    });
    return t.publication.withdrawnDone({ number: withdrawn.number, date: formatCalendarDate(withdrawn.effectiveOn, locale) });
  });
}

/**
 * A document's consultation rules (lib/services/admin/set-consultation-settings.ts, which checks
 * the bounds and audits the change). A field left empty or not a whole number reaches the
 * service as NaN and is refused there like any other value out of bounds.
 */
export async function setConsultationSettingsAction(form: FormData) {
  await runFormAction(returnPath(form, "consultation"), async () => {
    const actor = requireActor(await getCurrentActor());
    const { t } = await getMessages();
    const whole = (name: string) => {
      const value = formString(form, name).trim();
      return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    };
    await setConsultationSettings({
      actor,
      documentId: formString(form, "documentId"),
      minDays: whole("minDays"),
      moderation: formString(form, "moderation"),
      hideAfterReports: whole("hideAfterReports"),
    });
    return t.consultation.settingsSaved;
  });
}
