import { parseEliPath, readerPathFor } from "@/lib/domain/eli";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { ELI_LANGUAGES } from "@/lib/domain/eli";

export const dynamic = "force-dynamic";

/**
 * Resolves an ELI-style identifier (lib/domain/eli.ts) to the reader's page it names; a language
 * segment also sets the interface language. Anything off the template is 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const target = parseEliPath(path);
  if (!target) return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const headers = new Headers({ location: readerPathFor(target) });
  if ("language" in target && target.language) {
    headers.append("set-cookie", `${LOCALE_COOKIE}=${ELI_LANGUAGES[target.language]}; Path=/; SameSite=Lax; Max-Age=31536000`);
  }
  return new Response(null, { status: 303, headers });
}
