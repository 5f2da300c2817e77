import { getDb, type DbOrTx } from "../../db/client";
import { headVersion, loadVersionSections } from "../../db/documents";
import { authorize, type Actor } from "../../policies";

/** What the administration page shows: people, ministries, and each document's current sections with their owners. */
export async function loadAdminOverview(options: { actor: Actor; db?: DbOrTx }) {
  authorize(options.actor, "admin:manage");
  const db = options.db ?? (await getDb());
  const [users, organizations, documents] = await Promise.all([
    db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], include: { organization: true } }),
    db.organization.findMany({ orderBy: { name: "asc" } }),
    db.document.findMany({ orderBy: { createdAt: "asc" } }),
  ]);
  const documentSections = await Promise.all(
    documents.map(async (document) => {
      const head = await headVersion(db, document.id);
      const sections = head ? await loadVersionSections(db, head.id) : [];
      return { document, sections: sections.map(({ id, slug, title, owner }) => ({ id, slug, title, owner })) };
    }),
  );
  return { users, organizations, documentSections };
}
