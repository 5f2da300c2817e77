import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { confirmSubscription } from "@/lib/services/mail/confirm-subscription";
import { subscriptionTargetText } from "@/lib/i18n/subscription-target-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false } };

/** The link of a confirmation email (double opt-in): following it starts the subscription; again, it says the same. */
export default async function ConfirmSubscriptionPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const locale = await getLocale();
  const t = messages(locale).email.pages;
  const outcome = token ? await confirmSubscription({ token }) : { confirmed: false as const };
  return (
    <>
      <h1>{t.confirmTitle}</h1>
      {outcome.confirmed ? (
        <>
          <p className="notice notice--ok" role="status" data-testid="subscription-confirmed">
            {t.confirmed({ target: subscriptionTargetText(outcome.target, locale) })}
          </p>
          <p>
            <Link href={`/${outcome.target.documentSlug}`}>{t.backToDocument}</Link>
          </p>
        </>
      ) : (
        <p className="notice notice--error" role="alert">{t.confirmFailed}</p>
      )}
    </>
  );
}
