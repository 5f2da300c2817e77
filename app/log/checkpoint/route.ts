import { apiRoute } from "@/lib/http/api";
import { CHECKPOINT_CACHE_CONTROL, plainText } from "@/lib/http/log-responses";
import { readServedCheckpoint } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** The log's latest signed checkpoint (C2SP tlog-checkpoint as a signed note), with the witnesses' cosignatures. */
export const GET = apiRoute(async () => plainText(await readServedCheckpoint(), { cacheControl: CHECKPOINT_CACHE_CONTROL }));
