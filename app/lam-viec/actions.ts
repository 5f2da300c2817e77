"use server";

import { revalidatePath } from "next/cache";
import { getCurrentActor } from "@/lib/auth/current";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { formString, runFormAction } from "@/lib/http/actions";
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
