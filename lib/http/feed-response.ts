/**
 * Feed readers poll; five minutes keeps a busy feed from reaching the database on every poll
 * while a new version still shows up within minutes.
 */
export const FEED_MAX_AGE_SECONDS = 300;

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": `public, max-age=${FEED_MAX_AGE_SECONDS}`,
    },
  });
}
