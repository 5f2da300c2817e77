import { apiRoute, json } from "@/lib/http/api";
import { parseNonNegativeInt } from "@/lib/http/log-responses";
import { readConsistencyProof } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** `?from={m}&to={n}` → `{"from", "to", "hashes"}`: the RFC 6962 consistency proof, base64. */
export const GET = apiRoute(async (request: Request) => {
  const query = new URL(request.url).searchParams;
  const from = parseNonNegativeInt(query.get("from"), "from");
  const to = parseNonNegativeInt(query.get("to"), "to");
  return json(await readConsistencyProof(from, to));
});
