import { apiRoute, CURRENT_TEXT_CACHE_CONTROL } from "@/lib/http/api";
import { buildOpenDataArchive } from "@/lib/services/open-data/build-open-data-archive";

export const dynamic = "force-dynamic";

/**
 * Every version, statement and proof of the installation as one .zip with manifest.json (format
 * in the README, "Open data"), for mirrors and archives; `handbook mirror` reads it. The same
 * state gives the same bytes, so its digest is a strong entity tag and an unchanged archive is a 304.
 */
export const GET = apiRoute(async (request: Request) => {
  const archive = await buildOpenDataArchive();
  const headers = {
    etag: archive.etag,
    "cache-control": CURRENT_TEXT_CACHE_CONTROL,
    "content-type": "application/zip",
    "content-disposition": `attachment; filename="${archive.fileName}"`,
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === archive.etag || tag.trim() === "*")) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(archive.bytes), { headers });
});
