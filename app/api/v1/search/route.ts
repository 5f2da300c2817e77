import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api";
import { searchHandbook, searchResultsJson } from "@/lib/services/history/search-handbook";

export const dynamic = "force-dynamic";

/** `?q=chinh phu so`: passages of the current versions, diacritics ignored. */
export const GET = apiRoute(async (request) => {
  const q = new URL(request.url).searchParams.get("q");
  if (q === null) throw new AppError("BAD_REQUEST", "Thiếu tham số q (missing q).");
  return json(searchResultsJson(await searchHandbook({ query: q })));
});
