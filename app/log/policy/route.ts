import { apiRoute } from "@/lib/http/api";
import { CHECKPOINT_CACHE_CONTROL, plainText } from "@/lib/http/log-responses";
import { readLogPolicy } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** The C2SP tlog-policy a verifier should require: `log <vkey>`, the witnesses and the quorum. */
export const GET = apiRoute(async () => plainText(readLogPolicy(), { cacheControl: CHECKPOINT_CACHE_CONTROL }));
