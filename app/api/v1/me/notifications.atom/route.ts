import { getRequestActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http/api";
import { publicBaseUrl } from "@/lib/http/base-url";
import { cookieLocale } from "@/lib/i18n/locales";
import { requireActor } from "@/lib/policies";
import { notificationFeed } from "@/lib/services/notifications/notification-feed";

export const dynamic = "force-dynamic";

/** A person's notifications as an Atom feed (session cookie or `Authorization: Bearer` API token), in their language. */
export const GET = apiRoute(async (request: Request) => {
  const actor = requireActor(await getRequestActor(request));
  const xml = await notificationFeed({ actor, baseUrl: publicBaseUrl(request), locale: cookieLocale(request.headers) });
  // Personal: never kept by a shared cache.
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "private, no-store" } });
});
