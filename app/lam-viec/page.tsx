import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApiTokenForm } from "@/components/workspace/ApiTokenForm";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can, type Action } from "@/lib/policies";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

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
  const db = await getDb();
  const [organization, tokens] = await Promise.all([
    actor.organizationId ? db.organization.findUnique({ where: { id: actor.organizationId } }) : null,
    db.apiToken.findMany({ where: { userId: actor.id, revokedAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  const reviewerAbility = actor.role === "REVIEWER" || actor.role === "ADMIN";

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
            <li>{locale === "vi" ? "Thẩm định, phê duyệt và ban hành đề xuất của người khác" : "Review, approve and publish other people's proposals"}</li>
          )}
        </ul>
      </section>

      <section className="card" aria-labelledby="tokens">
        <h2 id="tokens">{t.workspace.apiTokens}</h2>
        <p className="meta">
          {locale === "vi" ? "Dùng với tiêu đề" : "Use with the header"} <code>Authorization: Bearer hbk_…</code>
        </p>
        {tokens.length === 0 ? (
          <p>{t.workspace.noTokens}</p>
        ) : (
          <ul>
            {tokens.map((token) => (
              <li key={token.id}>
                <form action={revokeApiTokenAction} className="inline-form">
                  <span>{token.name} <code>{token.prefix}…</code> · {formatDateTime(token.createdAt, locale)}</span>
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button className="button button--small button--secondary" type="submit">{t.workspace.revoke}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <ApiTokenForm action={createApiTokenAction} labels={{ name: t.workspace.apiTokenName, create: t.workspace.createToken, created: t.workspace.tokenCreated }} />
      </section>
    </>
  );
}
