"use server";

import { getCurrentActor } from "@/lib/auth/current";
import { formString, runFormAction } from "@/lib/http/actions";
import { requireActor } from "@/lib/policies";
import { createOrganization } from "@/lib/services/admin/create-organization";
import { createUser } from "@/lib/services/admin/create-user";
import { setApprovalPolicy } from "@/lib/services/admin/set-approval-policy";
import { setSectionOwner } from "@/lib/services/admin/set-section-owner";
import { updateUser } from "@/lib/services/admin/update-user";
import { isRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";

/** The admin catalog's words for what was just done, in the reader's language. */
async function adminWords() {
  return messages(await getLocale()).admin;
}

function roleFrom(form: FormData) {
  const role = formString(form, "role");
  if (!isRole(role)) throw new AppError("BAD_REQUEST", "invalidRole");
  return role;
}

export async function createUserAction(form: FormData) {
  await runFormAction("/quan-tri#users", async () => {
    const actor = requireActor(await getCurrentActor());
    const organizationSlug = formString(form, "organizationSlug") || null;
    await createUser({
      actor,
      input: {
        email: formString(form, "email"),
        name: formString(form, "name"),
        role: roleFrom(form),
        organizationSlug,
        password: formString(form, "password") || null,
      },
    });
    return (await adminWords()).userCreated;
  });
}

export async function updateUserAction(form: FormData) {
  await runFormAction("/quan-tri#users", async () => {
    const actor = requireActor(await getCurrentActor());
    await updateUser({
      actor,
      input: {
        userId: formString(form, "userId"),
        role: roleFrom(form),
        organizationId: formString(form, "organizationId") || null,
        active: form.get("active") === "on",
      },
    });
    return (await adminWords()).userUpdated;
  });
}

export async function createOrganizationAction(form: FormData) {
  await runFormAction("/quan-tri#organizations", async () => {
    const actor = requireActor(await getCurrentActor());
    await createOrganization({ actor, input: { name: formString(form, "name"), nameEn: formString(form, "nameEn") } });
    return (await adminWords()).organizationCreated;
  });
}

export async function setSectionOwnerAction(form: FormData) {
  await runFormAction("/quan-tri#sections", async () => {
    const actor = requireActor(await getCurrentActor());
    await setSectionOwner({ actor, sectionId: formString(form, "sectionId"), organizationId: formString(form, "organizationId") || null });
    return (await adminWords()).sectionAssigned;
  });
}

export async function setApprovalPolicyAction(form: FormData) {
  await runFormAction("/quan-tri#policy", async () => {
    const actor = requireActor(await getCurrentActor());
    await setApprovalPolicy({ actor, documentId: formString(form, "documentId"), requiredApprovals: Number(formString(form, "requiredApprovals")) });
    return (await adminWords()).policySaved;
  });
}
