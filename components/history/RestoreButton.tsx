/**
 * “Khôi phục phiên bản này”: a plain form posting to a server action, so it works without
 * JavaScript. The action opens a RESTORE proposal and goes to its page.
 */
export function RestoreButton({
  action,
  documentSlug,
  versionNumber,
  section,
  label,
  hint,
}: {
  action: (form: FormData) => Promise<void>;
  documentSlug: string;
  versionNumber: number;
  section?: { id: string; slug: string };
  label: string;
  hint: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="document" value={documentSlug} />
      <input type="hidden" name="version" value={versionNumber} />
      {section && <input type="hidden" name="sectionId" value={section.id} />}
      {section && <input type="hidden" name="sectionSlug" value={section.slug} />}
      <button type="submit" className="button button--small button--secondary" title={hint}>
        {label}
      </button>
    </form>
  );
}
