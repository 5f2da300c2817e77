import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current";
import { getMessages } from "@/lib/i18n/server";

/**
 * What a page refused for lack of permission shows, answered 403 (`forbidden()` from
 * next/navigation, enabled by `experimental.authInterrupts`). Visitors who are not signed in are
 * sent to the sign-in page instead; this is for people signed in without the right.
 */
export default async function Forbidden() {
  const [{ t }, actor] = await Promise.all([getMessages(), getCurrentActor()]);
  return (
    <div className="prose">
      <h1>{t.reader.forbiddenTitle}</h1>
      <p className="notice notice--error" role="alert">{t.errors.forbiddenPage()}</p>
      {actor ? <p>{t.reader.forbiddenSignedInAs(actor.name)}</p> : null}
      <p><Link href="/">{t.reader.backHome}</Link></p>
    </div>
  );
}
