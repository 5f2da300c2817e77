import type { Metadata } from "next";
import Link from "next/link";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { SubscribeForm } from "@/components/reader/SubscribeForm";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { messages } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { emailSubscriptionsOpen } from "@/lib/services/mail/email-subscriptions-open";
import { subscribeAction } from "./actions";

type Params = { params: Promise<{ document: string }>; searchParams: Promise<{ muc?: string; ok?: string; error?: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document } = await params;
  const [published, locale] = await Promise.all([loadPublishedOr404(document), getLocale()]);
  return { title: messages(locale).email.pages.subscribeTitle({ documentTitle: published.document.title }) };
}

/** “Nhận tin qua email”: anyone subscribes to the document or one section, confirmed by email. */
export default async function SubscribePage({ params, searchParams }: Params) {
  const { document } = await params;
  const { muc, ok, error } = await searchParams;
  const [published, locale] = await Promise.all([loadPublishedOr404(document), getLocale()]);
  const t = messages(locale).email.pages;
  return (
    <>
      <h1>{t.subscribeTitle({ documentTitle: published.document.title })}</h1>
      <FlashMessage ok={ok} error={error} okText={t.submit} />
      {emailSubscriptionsOpen() ? (
        <SubscribeForm
          action={subscribeAction}
          t={t}
          locale={locale}
          documentSlug={published.document.slug}
          sections={published.sections.map((section) => ({ slug: section.slug, title: section.title }))}
          selectedSection={muc}
        />
      ) : (
        <p className="notice">{t.unavailable}</p>
      )}
      <p>
        <Link href={`/${published.document.slug}${muc ? `/${encodeURIComponent(muc)}` : ""}`}>{t.backToDocument}</Link>
      </p>
    </>
  );
}
