"use server";

import { getCurrentActor } from "@/lib/auth/current";
import { formString, runFormAction } from "@/lib/http/actions";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { requireActor } from "@/lib/policies";
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
