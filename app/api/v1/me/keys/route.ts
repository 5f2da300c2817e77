import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { listOwnReviewerKeys, registerReviewerKey, registerReviewerKeyInput } from "@/lib/services/workspace/reviewer-keys";

export const dynamic = "force-dynamic";

/** The caller's reviewer keys, in use or retired, newest first. */
export const GET = apiRoute(async (request) => {
  const actor = requireActor(await getRequestActor(request));
  return json({ keys: await listOwnReviewerKeys({ actor }) });
});

/**
 * `{"publicKey"}`: base64 of the raw 32-byte Ed25519 public key to sign approvals with. 201 with
 * the key when it is new (a key in use is rotated), 200 when it is already the caller's key.
 */
export const POST = apiRoute(async (request) => {
  const actor = requireActor(await getRequestActor(request));
  const input = await readJson(request, registerReviewerKeyInput);
  const { key, created } = await registerReviewerKey({ actor, publicKey: input.publicKey });
  return json({ key }, { status: created ? 201 : 200 });
});
