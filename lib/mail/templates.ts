import { CONFIRMATION_TTL_HOURS } from "../domain/email-delivery";
import { consultationPathOf, type NotificationEvent } from "../domain/notification-events";
import type { Locale } from "../i18n/locales";
import { formatDateTime } from "../i18n/format";
import { messages } from "../i18n/messages";
import { summaryText } from "../i18n/diff-summary";
import { notificationSubject, notificationText } from "../i18n/notification-text";
import { subscriptionTargetText } from "../i18n/subscription-target-text";
import type { OutboundEmailContent, OutboundParams } from "./outbound";
import { signMailToken } from "./tokens";

/**
 * Puts an outbox row into words for its recipient, in the recipient's language: subject, plain
 * text body (every client shows it, links included), and the unsubscribe address for the
 * RFC 8058 one-click headers. Words come from the catalog (`email` and `notifications`).
 */
export type MailRecipient =
  | { kind: "person"; userId: string; email: string; locale: Locale }
  | { kind: "registrant"; registrationId: string; email: string; locale: Locale }
  | {
      kind: "subscriber";
      subscriptionId: string;
      email: string;
      locale: Locale;
      documentTitle: string;
      sectionTitle: string | null;
    };

export interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  /** POST here unsubscribes at once (List-Unsubscribe with List-Unsubscribe-Post); null when there is nothing to leave. */
  oneClickUnsubscribeUrl: string | null;
}

export interface LinkSettings {
  baseUrl: string;
  tokenSecret: string;
}

/** The pages and endpoints emails link to. */
export const MAIL_PATHS = {
  confirm: "/nhan-tin/xac-nhan",
  confirmRegistration: "/dang-ky/xac-nhan",
  unsubscribePage: "/nhan-tin/huy",
  oneClickUnsubscribe: "/api/v1/unsubscribe",
  preferences: "/lam-viec#email",
} as const;

function withToken(baseUrl: string, path: string, token: string): string {
  const url = new URL(path, baseUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Unsubscribe links for the recipient: the page a person reads, and the one-click endpoint. */
async function unsubscribeLinks(recipient: Exclude<MailRecipient, { kind: "registrant" }>, links: LinkSettings): Promise<{ page: string; oneClick: string }> {
  const token =
    recipient.kind === "person"
      ? await signMailToken("person", recipient.userId, links.tokenSecret)
      : await signMailToken("unsubscribe", recipient.subscriptionId, links.tokenSecret);
  return { page: withToken(links.baseUrl, MAIL_PATHS.unsubscribePage, token), oneClick: withToken(links.baseUrl, MAIL_PATHS.oneClickUnsubscribe, token) };
}

function proposalUrl(baseUrl: string, proposalId: string | null): string {
  return new URL(proposalId ? `/lam-viec/de-xuat/${encodeURIComponent(proposalId)}` : "/lam-viec", baseUrl).toString();
}

/** Where a notification email points: the public consultation page for its kinds, else the proposal in the workspace. */
function notificationUrl(baseUrl: string, event: NotificationEvent, proposalId: string | null): string {
  const consultation = consultationPathOf(event, proposalId);
  return consultation ? new URL(consultation, baseUrl).toString() : proposalUrl(baseUrl, proposalId);
}

function paragraphs(...blocks: (string | null)[]): string {
  return `${blocks.filter((block): block is string => block !== null).join("\n\n")}\n`;
}

export async function composeEmail(content: OutboundEmailContent, recipient: MailRecipient, links: LinkSettings): Promise<ComposedEmail> {
  const { locale } = recipient;
  const t = messages(locale).email;
  switch (content.kind) {
    case "notification":
    case "digest": {
      if (recipient.kind !== "person") throw new Error(`${content.kind} emails go to people, not subscribers`);
      const unsubscribe = await unsubscribeLinks(recipient, links);
      const footer = t.personFooter({ preferencesUrl: new URL(MAIL_PATHS.preferences, links.baseUrl).toString(), unsubscribeUrl: unsubscribe.page });
      const body =
        content.kind === "notification"
          ? [notificationText(content.params.notification, locale), t.openProposal({ url: notificationUrl(links.baseUrl, content.params.notification, content.params.proposalId) })]
          : digestBody(content.params, locale, links.baseUrl);
      const subject =
        content.kind === "notification" ? notificationSubject(content.params.notification, locale) : t.digestSubject({ count: content.params.items.length });
      return { to: recipient.email, subject, text: paragraphs(...body, "—", footer, t.signature), oneClickUnsubscribeUrl: unsubscribe.oneClick };
    }
    case "subscription_confirmation": {
      if (recipient.kind !== "subscriber") throw new Error("confirmation emails go to subscribers");
      const target = subscriptionTargetText(content.params, locale);
      const token = await signMailToken("confirm", recipient.subscriptionId, links.tokenSecret);
      const url = withToken(links.baseUrl, MAIL_PATHS.confirm, token);
      return {
        to: recipient.email,
        subject: t.confirmSubject({ target }),
        text: paragraphs(t.confirmBody({ target, url, hours: CONFIRMATION_TTL_HOURS }), t.signature),
        oneClickUnsubscribeUrl: null,
      };
    }
    case "registration_confirmation": {
      if (recipient.kind !== "registrant") throw new Error("registration emails go to registrants");
      const token = await signMailToken("register", recipient.registrationId, links.tokenSecret);
      const url = withToken(links.baseUrl, MAIL_PATHS.confirmRegistration, token);
      return {
        to: recipient.email,
        subject: t.registerSubject,
        text: paragraphs(t.registerBody({ name: content.params.name, url, hours: CONFIRMATION_TTL_HOURS }), t.signature),
        oneClickUnsubscribeUrl: null,
      };
    }
    case "version_published": {
      if (recipient.kind !== "subscriber") throw new Error("publication emails go to subscribers");
      const { params } = content;
      const unsubscribe = await unsubscribeLinks(recipient, links);
      const target = subscriptionTargetText(recipient, locale);
      const versionUrl = new URL(`/${params.documentSlug}/v/${params.versionNumber}`, links.baseUrl).toString();
      const compareUrl = new URL(`/${params.documentSlug}/so-sanh?from=${params.versionNumber - 1}&to=${params.versionNumber}`, links.baseUrl).toString();
      const changed = params.changedSections.length > 0 ? [t.changedSections, ...params.changedSections.map((section) => `- ${section.title}`)].join("\n") : null;
      return {
        to: recipient.email,
        subject: t.publishedSubject({ documentTitle: params.documentTitle, versionNumber: params.versionNumber }),
        text: paragraphs(
          t.publishedIntro({ documentTitle: params.documentTitle, versionNumber: params.versionNumber, date: formatDateTime(new Date(params.publishedAt), locale) }),
          params.changes ? t.publishedChanges({ summary: summaryText(params.changes, locale) }) : null,
          changed,
          t.readVersion({ url: versionUrl }),
          params.versionNumber > 1 ? t.compareVersions({ url: compareUrl }) : null,
          "—",
          t.subscriptionFooter({ target, unsubscribeUrl: unsubscribe.page }),
          t.signature,
        ),
        oneClickUnsubscribeUrl: unsubscribe.oneClick,
      };
    }
  }
}

function digestBody(params: OutboundParams<"digest">, locale: Locale, baseUrl: string): string[] {
  const t = messages(locale).email;
  const lines = params.items.map(
    (item) => `- ${formatDateTime(new Date(item.createdAt), locale)}: ${notificationText(item.notification, locale)}\n  ${notificationUrl(baseUrl, item.notification, item.proposalId)}`,
  );
  return [t.digestIntro({ count: params.items.length }), lines.join("\n")];
}
