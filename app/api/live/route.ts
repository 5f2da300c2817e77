import { z } from "zod";
import { getRequestActor } from "@/lib/auth/current";
import { inputIssues } from "@/lib/domain/input-issues";
import { AppError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api";
import { LiveStream } from "@/lib/http/live-stream";
import { requireActor } from "@/lib/policies";
import { followLive } from "@/lib/services/live/follow-live";

export const dynamic = "force-dynamic";

/** A proposal id as the product makes them (cuid); anything else is refused before a query. */
const liveQuery = z.object({ proposal: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable() });

/**
 * What a signed-in person's open page should hear, as server-sent events: their unread
 * notification count (at once, and again whenever it changes) and, with `?proposal=<id>`, that
 * the proposal changed. Events come through the live event bus, so a change made through any web
 * instance reaches a browser connected to this one.
 */
export const GET = apiRoute(async (request: Request) => {
  const actor = requireActor(await getRequestActor(request));
  const query = liveQuery.safeParse({ proposal: new URL(request.url).searchParams.get("proposal") });
  if (!query.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(query.error) });
  const proposalId = query.data.proposal;
  const stream = new LiveStream(request.signal);
  const follow = await followLive({ actor, proposalId, onMessage: (message) => stream.send(message) }).catch((refusal: unknown) => {
    stream.close();
    throw refusal;
  });
  stream.whenClosed(follow.stop);
  stream.send({ type: "notifications", unread: follow.unread });
  return stream.response();
});
