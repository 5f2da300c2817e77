import type { Metadata } from "next";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { describeUnsubscribeLink } from "@/lib/services/mail/describe-unsubscribe-link";
import { subscriptionTargetText } from "@/lib/i18n/subscription-target-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false } };

/**
 * The unsubscribe link of every email, without signing in. Opening it only asks; the button
 * posts to the one-click endpoint. Link scanners (which open every link in incoming mail) thus
 * never unsubscribe anyone, and mail clients that support RFC 8058 skip this page entirely.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const locale = await getLocale();
  const t = messages(locale).email.pages;
  const link = token ? await describeUnsubscribeLink({ token }) : { kind: "invalid" as const };
  const done =
    (link.kind === "subscription" && link.target === null) || (link.kind === "person" && link.emailsOff) ? (
      <p className="notice notice--ok" role="status" data-testid="unsubscribed">
        {link.kind === "person" ? t.personUnsubscribed : t.unsubscribed}
      </p>
    ) : null;
  return (
    <>
      <h1>{t.unsubscribeTitle}</h1>
      {link.kind === "invalid" && <p className="notice notice--error" role="alert">{t.invalidLink}</p>}
      {done}
      {!done && link.kind !== "invalid" && token && (
        <form method="post" action={`/api/v1/unsubscribe?token=${encodeURIComponent(token)}`} className="stack" data-testid="unsubscribe-form">
          <p>
            {link.kind === "person"
              ? t.personQuestion({ email: link.email ?? "" })
              : link.target && t.unsubscribeQuestion({ target: subscriptionTargetText(link.target, locale) })}
          </p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>
            <button className="button" type="submit">{t.unsubscribeButton}</button>
          </p>
        </form>
      )}
    </>
  );
}
