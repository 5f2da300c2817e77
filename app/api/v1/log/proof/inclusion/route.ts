import { apiRoute, json } from "@/lib/http/api";
import { parseNonNegativeInt } from "@/lib/http/log-responses";
import { readInclusionProof } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** `?index={i}&size={n}` → `{"index", "size", "hashes"}`: the RFC 6962 inclusion proof, base64. */
export const GET = apiRoute(async (request: Request) => {
  const query = new URL(request.url).searchParams;
  const index = parseNonNegativeInt(query.get("index"), "index");
  const size = parseNonNegativeInt(query.get("size"), "size");
  return json(await readInclusionProof(index, size));
});
