import { apiRoute } from "@/lib/http/api";
import { FULL_TILE_CACHE_CONTROL, PARTIAL_TILE_CACHE_CONTROL } from "@/lib/http/log-responses";
import { readTileFile } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** C2SP tlog-tiles: `/log/tile/<L>/<N>[.p/<W>]` (hashes) and `/log/tile/entries/<N>[.p/<W>]` (statements). */
export const GET = apiRoute<{ params: Promise<{ path: string[] }> }>(async (_request, { params }) => {
  const { path } = await params;
  const tile = await readTileFile(`tile/${path.join("/")}`);
  return new Response(Buffer.from(tile.body), {
    headers: {
      "content-type": "application/octet-stream",
      "cache-control": tile.full ? FULL_TILE_CACHE_CONTROL : PARTIAL_TILE_CACHE_CONTROL,
    },
  });
});
