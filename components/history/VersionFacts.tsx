import { organizationName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { VersionHistoryEntry } from "@/lib/services/history/list-versions";
import { messages } from "@/lib/i18n/messages";

/** Who proposed, wrote, approved and published a version. */
export function VersionFacts({ version, locale }: { version: VersionHistoryEntry; locale: Locale }) {
  const t = messages(locale).history;
  if (!version.proposal) {
    return (
      <dl className="version-facts">
        <dt>{t.proposal}</dt>
        <dd>{t.noProposal}</dd>
        {version.publisher && (
          <>
            <dt>{t.publisher}</dt>
            <dd>{version.publisher.name}</dd>
          </>
        )}
      </dl>
    );
  }
  const ministry = version.organization ? organizationName(version.organization, locale) : "—";
  return (
    <dl className="version-facts">
      <dt>{t.ministry}</dt>
      <dd>{ministry}</dd>
      <dt>{t.authors}</dt>
      <dd>{version.authors.map((author) => author.name).join(", ") || "—"}</dd>
      <dt>{t.approvers}</dt>
      <dd>
        {version.approvals.length === 0
          ? "—"
          : version.approvals
              .map((approval) => {
                const organization = approval.organization ? organizationName(approval.organization, locale) : null;
                return organization ? `${approval.reviewer.name} (${organization})` : approval.reviewer.name;
              })
              .join(", ")}
      </dd>
      {version.publisher && (
        <>
          <dt>{t.publisher}</dt>
          <dd>{version.publisher.name}</dd>
        </>
      )}
    </dl>
  );
}

/** "+12 −5" word counts with words for screen readers. */
export function WordDelta({ added, removed, locale }: { added: number; removed: number; locale: Locale }) {
  const t = messages(locale).history;
  return (
    <span className="word-delta" title={t.wordsDelta(added, removed)}>
      <span className="visually-hidden">{t.wordsDelta(added, removed)}</span>
      <span aria-hidden="true">
        <ins>+{added}</ins> <del>−{removed}</del>
      </span>
    </span>
  );
}
