import { getRequestActor } from "@/lib/auth/current";
import { enforceRateLimit, rateKeyFor } from "@/lib/auth/rate-limit";
import { requestClientAddress } from "@/lib/auth/request-address";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api";
import { searchHandbook, searchResultsJson } from "@/lib/services/history/search-handbook";

export const dynamic = "force-dynamic";

/** `?q=chinh phu so`: passages of the current versions, diacritics ignored. */
export const GET = apiRoute(async (request) => {
  const q = new URL(request.url).searchParams.get("q");
  if (q === null) throw new AppError("BAD_REQUEST", "missingParameter", { name: "q" });
  await enforceRateLimit("search", rateKeyFor(await getRequestActor(request), requestClientAddress(request.headers)));
  return json(searchResultsJson(await searchHandbook({ query: q })));
});
