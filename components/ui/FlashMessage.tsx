/** The status a form action left in the query string, announced to screen readers. */
export function FlashMessage({ ok, error, okText }: { ok?: string; error?: string; okText: string }) {
  if (error) {
    return (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    );
  }
  if (ok) {
    return (
      <p className="notice notice--ok" role="status">
        {ok === "ok" ? okText : ok}
      </p>
    );
  }
  return null;
}
