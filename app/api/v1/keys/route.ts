import { apiRoute, json } from "@/lib/http/api";
import { listPublishedReviewerKeys } from "@/lib/services/workspace/reviewer-keys";

export const dynamic = "force-dynamic";

/**
 * Every reviewer key ever registered, retired ones included (old signatures stay checkable):
 * `{"keys": [{"id", "userId", "userName", "publicKey", "fingerprint", "createdAt", "retiredAt", "retirement"}]}`.
 */
export const GET = apiRoute(async () => json({ keys: await listPublishedReviewerKeys() }));
