import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { loadAdminOverview } from "@/lib/services/admin/load-admin-overview";
import { ROLES, ROLE_LABELS } from "@/lib/domain/roles";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import {
  createOrganizationAction,
  createUserAction,
  setApprovalPolicyAction,
  setSectionOwnerAction,
  updateUserAction,
} from "./actions";

export const metadata: Metadata = { title: "Quản trị" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/quan-tri");
  const { locale, t } = await getMessages();
  if (!can(actor, "admin:manage")) forbidden();
  const { ok, error } = await searchParams;
  const { users, organizations, documentSections } = await loadAdminOverview({ actor });

  return (
    <>
      <h1>{t.admin.title}</h1>
      <FlashMessage ok={ok} error={error} okText={t.admin.saved} />
      <p className="toolbar">
        <a href="#users">{t.admin.users}</a>
        <a href="#organizations">{t.admin.organizations}</a>
        <a href="#sections">{t.admin.sections}</a>
        <a href="#policy">{t.admin.policy}</a>
        <Link href="/quan-tri/nhat-ky">{t.admin.audit}</Link>
        <Link href="/quan-tri/nhap">{t.admin.importChapterLink}</Link>
        <Link href="/quan-tri/webhook">{t.webhooks.link}</Link>
      </p>

      <section aria-labelledby="users" className="card">
        <h2 id="users">{t.admin.users}</h2>
        <table className="data">
          <thead>
            <tr><th>{t.admin.name}</th><th>{t.admin.email}</th><th>{t.admin.role} · {t.admin.organization} · {t.admin.active}</th></tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td><code>{user.email}</code></td>
                <td>
                  <form action={updateUserAction} className="inline-form" aria-label={`${t.admin.save}: ${user.email}`}>
                    <input type="hidden" name="userId" value={user.id} />
                    <select name="role" defaultValue={user.role} aria-label={t.admin.role}>
                      {ROLES.map((role) => <option key={role} value={role}>{ROLE_LABELS[role][locale]}</option>)}
                    </select>
                    <select name="organizationId" defaultValue={user.organizationId ?? ""} aria-label={t.admin.organization}>
                      <option value="">—</option>
                      {organizations.map((organization) => <option key={organization.id} value={organization.id}>{organization.name}</option>)}
                    </select>
                    <label className="inline-form"><input type="checkbox" name="active" defaultChecked={user.active} style={{ width: "auto" }} /> {t.admin.active}</label>
                    <button className="button button--small" type="submit">{t.admin.save}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t.admin.create}</h3>
        <form action={createUserAction} className="stack">
          <div><label htmlFor="new-name">{t.admin.name}</label><input id="new-name" name="name" required /></div>
          <div><label htmlFor="new-email">{t.admin.email}</label><input id="new-email" name="email" type="email" required /></div>
          <div><label htmlFor="new-password">{t.admin.password} <span className="field-hint">(≥ 10)</span></label><input id="new-password" name="password" type="password" minLength={10} /></div>
          <div>
            <label htmlFor="new-role">{t.admin.role}</label>
            <select id="new-role" name="role" defaultValue="CONTRIBUTOR">
              {ROLES.map((role) => <option key={role} value={role}>{ROLE_LABELS[role][locale]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="new-org">{t.admin.organization}</label>
            <select id="new-org" name="organizationSlug" defaultValue="">
              <option value="">—</option>
              {organizations.map((organization) => <option key={organization.id} value={organization.slug}>{organization.name}</option>)}
            </select>
          </div>
          <button className="button" type="submit">{t.admin.create}</button>
        </form>
      </section>

      <section aria-labelledby="organizations" className="card">
        <h2 id="organizations">{t.admin.organizations}</h2>
        <ul>
          {organizations.map((organization) => <li key={organization.id}>{organization.name} <span className="meta">({organization.nameEn})</span></li>)}
        </ul>
        <form action={createOrganizationAction} className="stack">
          <div><label htmlFor="org-name">{t.admin.nameVi}</label><input id="org-name" name="name" required /></div>
          <div><label htmlFor="org-name-en">{t.admin.nameEn}</label><input id="org-name-en" name="nameEn" /></div>
          <button className="button" type="submit">{t.admin.create}</button>
        </form>
      </section>

      <section aria-labelledby="sections" className="card">
        <h2 id="sections">{t.admin.sections}</h2>
        {documentSections.map(({ document, sections }) => (
          <div key={document.id}>
            <h3>{document.title}</h3>
            <p><Link href={`/quan-tri/cong-bo/${document.slug}`}>{t.publication.adminLink}</Link> · <Link href={`/quan-tri/cong-bo/${document.slug}#consultation`}>{t.consultation.settingsHeading}</Link></p>
            <table className="data">
              <tbody>
                {sections.map((section) => (
                  <tr key={section.id}>
                    <td>{section.title}</td>
                    <td>
                      <form action={setSectionOwnerAction} className="inline-form">
                        <input type="hidden" name="sectionId" value={section.id} />
                        <select name="organizationId" defaultValue={section.owner?.id ?? ""} aria-label={`${t.admin.owner}: ${section.title}`}>
                          <option value="">—</option>
                          {organizations.map((organization) => <option key={organization.id} value={organization.id}>{organization.name}</option>)}
                        </select>
                        <button className="button button--small" type="submit">{t.admin.save}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section aria-labelledby="policy" className="card">
        <h2 id="policy">{t.admin.policy}</h2>
        {documentSections.map(({ document }) => (
          <form key={document.id} action={setApprovalPolicyAction} className="inline-form">
            <input type="hidden" name="documentId" value={document.id} />
            <label htmlFor={`approvals-${document.id}`}>{document.title}: {t.admin.requiredApprovals}</label>
            <input id={`approvals-${document.id}`} name="requiredApprovals" type="number" min={1} max={10} defaultValue={document.requiredApprovals} style={{ width: "5rem" }} />
            <button className="button button--small" type="submit">{t.admin.save}</button>
          </form>
        ))}
        <p className="meta">
          {t.admin.policyNote}
        </p>
      </section>
    </>
  );
}
