import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApiTokenForm } from "@/components/workspace/ApiTokenForm";
import { EmailPreferencesForm } from "@/components/workspace/EmailPreferencesForm";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from "@/lib/auth/api-tokens";
import { listOwnApiTokens } from "@/lib/services/workspace/api-tokens";
import { ownOrganization } from "@/lib/services/workspace/own-organization";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can, type Action } from "@/lib/policies";
import { createApiTokenAction, markNotificationsReadAction, revokeApiTokenAction, revokeReviewerKeyAction, updateEmailPreferencesAction } from "./actions";
import { listOwnReviewerKeys } from "@/lib/services/workspace/reviewer-keys";
import { RotateReviewerKeyButton } from "@/components/workspace/RotateReviewerKeyButton";
import { messages } from "@/lib/i18n/messages";
import Link from "next/link";
import { STATUS_LABELS, isProposalStatus } from "@/lib/domain/proposal-state";
import { listWorkspaceProposals } from "@/lib/services/proposals/list-proposals";
import { listNotifications } from "@/lib/services/notifications/list-notifications";
import { readEmailPreferences } from "@/lib/services/mail/read-email-preferences";

export const metadata: Metadata = { title: "Không gian làm việc" };

const ABILITIES: { action: Action; vi: string; en: string }[] = [
  { action: "document:read", vi: "Đọc Cẩm nang, lịch sử và so sánh phiên bản", en: "Read the handbook, its history and comparisons" },
  { action: "proposal:create", vi: "Tạo đề xuất sửa đổi thay mặt cơ quan của mình và cùng soạn thảo", en: "Create change proposals for your ministry and co-write them" },
  { action: "apiToken:create", vi: "Tạo khóa API cá nhân", en: "Create personal API tokens" },
  { action: "admin:manage", vi: "Quản lý người dùng, cơ quan, phân công mục và chính sách phê duyệt", en: "Manage people, ministries, section owners and the approval policy" },
  { action: "audit:read", vi: "Xem nhật ký hệ thống", en: "Read the audit log" },
];

export default async function WorkspacePage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/lam-viec");
  const { locale, t } = await getMessages();
  const { ok, error } = await searchParams;
  const [organization, tokens] = await Promise.all([ownOrganization({ actor }), listOwnApiTokens({ actor })]);
  const reviewerAbility = can(actor, "review:queue");
  const lists = await listWorkspaceProposals(actor);
  const [notifications, emailPreferences] = await Promise.all([listNotifications({ userId: actor.id, locale }), readEmailPreferences({ actor })]);
  const proposalList = (items: typeof lists.mine, empty: string) =>
    items.length === 0 ? (
      <p className="meta">{empty}</p>
    ) : (
      <ul>
        {items.map((proposal) => (
          <li key={proposal.id}>
            <Link href={`/lam-viec/de-xuat/${proposal.id}`}>{proposal.title}</Link>{" "}
            <span className="badge">{isProposalStatus(proposal.status) ? STATUS_LABELS[proposal.status][locale] : proposal.status}</span>{" "}
            <span className="meta">{proposal.organization.name} · {formatDateTime(proposal.updatedAt, locale)}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <h1>{t.workspace.title}</h1>
      <FlashMessage ok={ok} error={error} okText={t.admin.saved} />
      <section className="card" aria-labelledby="me">
        <h2 id="me">{t.workspace.you}</h2>
        <dl>
          <dt>{t.admin.name}</dt>
          <dd data-testid="workspace-name">{actor.name} (<code>{actor.email}</code>)</dd>
          <dt>{t.workspace.role}</dt>
          <dd data-testid="workspace-role">{ROLE_LABELS[actor.role][locale]}</dd>
          <dt>{t.workspace.organization}</dt>
          <dd data-testid="workspace-organization">{organization?.name ?? t.workspace.noOrganization}</dd>
        </dl>
        <h3>{t.workspace.abilities}</h3>
        <ul>
          {ABILITIES.filter((ability) => can(actor, ability.action)).map((ability) => (
            <li key={ability.action}>{ability[locale]}</li>
          ))}
          {reviewerAbility && (
            <li>{t.workspace.reviewAbility}</li>
          )}
        </ul>
      </section>

      {notifications.length > 0 && (
        <section className="card" aria-labelledby="notifications">
          <h2 id="notifications">{t.notifications.heading}</h2>
          <ul data-testid="notifications">
            {notifications.map((notification) => (
              <li key={notification.id} data-unread={notification.readAt === null ? "true" : undefined}>
                {notification.proposalId ? <Link href={`/lam-viec/de-xuat/${notification.proposalId}`}>{notification.text}</Link> : notification.text}{" "}
                <span className="meta">{formatDateTime(notification.createdAt, locale)}</span>
                {notification.readAt === null && <> <span className="badge badge--accent">{t.notifications.unread}</span></>}
              </li>
            ))}
          </ul>
          {notifications.some((notification) => notification.readAt === null) && (
            <form action={markNotificationsReadAction}>
              <button type="submit" className="button button--small">{t.notifications.markAllRead}</button>
            </form>
          )}
          <p className="meta"><a href="/api/v1/me/notifications.atom">{t.notifications.feedLink}</a></p>
        </section>
      )}

      <section className="card" aria-labelledby="email">
        <h2 id="email">{t.notifications.preferences.heading}</h2>
        <EmailPreferencesForm action={updateEmailPreferencesAction} t={t.notifications.preferences} current={emailPreferences} />
      </section>

      {reviewerAbility && (
        <section className="card" aria-labelledby="awaiting">
          <h2 id="awaiting">{t.workspace.awaitingReview}</h2>
          {proposalList(lists.awaitingReview, t.workspace.nothingAwaitsReview)}
        </section>
      )}

      <section className="card" aria-labelledby="my-proposals">
        <h2 id="my-proposals">{t.workspace.myProposals}</h2>
        {can(actor, "proposal:create") && (
          <p><Link className="button button--small" href="/lam-viec/de-xuat/moi">{t.workspace.newProposal}</Link></p>
        )}
        {proposalList(lists.mine, t.workspace.noProposals)}
        {lists.ministry.length > 0 && (
          <>
            <h3>{t.workspace.ministryProposals}</h3>
            {proposalList(lists.ministry, "")}
          </>
        )}
      </section>

      {can(actor, "reviewerKey:manage") && (
        <ReviewerKeys actorId={actor.id} keys={await listOwnReviewerKeys({ actor })} locale={locale} />
      )}

      <section className="card" aria-labelledby="tokens">
        <h2 id="tokens">{t.workspace.apiTokens}</h2>
        <p className="meta">
          {t.workspace.tokenHeaderHint} <code>Authorization: Bearer hbk_…</code>
        </p>
        {tokens.length === 0 ? (
          <p>{t.workspace.noTokens}</p>
        ) : (
          <ul>
            {tokens.map((token) => (
              <li key={token.id}>
                <form action={revokeApiTokenAction} className="inline-form">
                  <span>
                    {token.name} <code>{token.prefix}…</code> · {token.scope === "write" ? t.workspace.tokenScopeWriteShort : t.workspace.tokenScopeReadShort}
                    {" · "}{t.workspace.tokenCreatedAt} {formatDateTime(token.createdAt, locale)}
                    {token.expiresAt && <>{" · "}{t.workspace.tokenExpires} {formatDateTime(token.expiresAt, locale)}</>}
                    {" · "}{token.lastUsedAt ? `${t.workspace.tokenLastUsed} ${formatDateTime(token.lastUsedAt, locale)}` : t.workspace.tokenNeverUsed}
                  </span>
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button className="button button--small button--secondary" type="submit">{t.workspace.revoke}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <ApiTokenForm
          action={createApiTokenAction}
          defaultDays={DEFAULT_TOKEN_DAYS}
          maxDays={MAX_TOKEN_DAYS}
          labels={{
            name: t.workspace.apiTokenName,
            create: t.workspace.createToken,
            created: t.workspace.tokenCreated,
            scope: t.workspace.tokenScope,
            scopeRead: t.workspace.tokenScopeRead,
            scopeWrite: t.workspace.tokenScopeWrite,
            days: t.workspace.tokenDays,
          }}
        />
      </section>
    </>
  );
}

/** The person's approval signing keys: the one in use with its fingerprint, and the retired ones, which stay published. */
function ReviewerKeys({ actorId, keys, locale }: { actorId: string; keys: Awaited<ReturnType<typeof listOwnReviewerKeys>>; locale: Parameters<typeof messages>[0] }) {
  const words = messages(locale).approvals;
  const state = { ROTATED: words.rotated, REVOKED: words.revoked } as const;
  return (
    <section className="card" aria-labelledby="reviewer-keys">
      <h2 id="reviewer-keys">{words.keysTitle}</h2>
      <p className="meta">{words.keysHint}</p>
      {keys.length === 0 ? (
        <p>{words.noKeys}</p>
      ) : (
        <ul>
          {keys.map((key) => (
            <li key={key.id} data-testid="reviewer-key" data-retirement={key.retirement ?? "in-use"}>
              <form action={revokeReviewerKeyAction} className="inline-form">
                <span>
                  <strong>{key.retirement ? state[key.retirement] : words.inUse}</strong>
                  {" · "}{words.fingerprint} <code data-testid="reviewer-key-fingerprint">{key.fingerprint}</code>
                  {" · "}{words.publicKey} <code>{key.publicKey}</code>
                  {" · "}{words.registeredAt} {formatDateTime(new Date(key.createdAt), locale)}
                </span>
                <input type="hidden" name="keyId" value={key.id} />
                {!key.retirement && <button className="button button--small button--secondary" type="submit">{words.revoke}</button>}
              </form>
            </li>
          ))}
        </ul>
      )}
      <RotateReviewerKeyButton userId={actorId} label={words.rotate} failed={words.rotateFailed} />
    </section>
  );
}
