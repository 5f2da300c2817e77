import { getServerSession } from "next-auth";
import { getDb } from "../db/client";
import type { Actor } from "../policies";
import { actorFromBearer, loadActor } from "./actor";
import { authOptions } from "./options";

/** The signed-in actor for pages and server actions (session cookie), fresh from the database. */
export async function getCurrentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadActor(await getDb(), userId);
}

/** The actor for an API request: a Bearer API token (with its scope), or else the session cookie. */
export async function getRequestActor(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    return actorFromBearer(await getDb(), authorization, { method: request.method, path: new URL(request.url).pathname });
  }
  return getCurrentActor();
}
