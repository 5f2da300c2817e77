import { scriptSafeJson } from "../domain/eli";
import { escapeHtml } from "../domain/escape";
import { AppError } from "../errors";
import type { Locale } from "../i18n/locales";
import { VERIFIER_MESSAGES } from "../i18n/verifier-messages";
import { readVerifierBundle } from "../verifier/bundle-file";
import { NONCE_PATTERN } from "./security-headers";

/**
 * The /kiem-chung page: one HTML document that carries everything it runs (the bundled verifier
 * script, its styles and words, and the policy the site publishes), so that it works the same
 * served by the site, by a mirror, or saved to disk and opened from file:// with no network.
 *
 * Served, the script runs under the site's Content Security Policy with the response's nonce,
 * which the proxy puts in the request's policy header. A copy saved to disk carries no policy
 * header, so its script runs there too; it calls nothing until the reader asks to check online.
 */

const CSP_NONCE = /'nonce-([A-Za-z0-9_-]+)'/;

/** The nonce the proxy chose for this response, from the policy it put on the request. */
export function requestNonce(headers: Headers): string | null {
  const nonce = CSP_NONCE.exec(headers.get("content-security-policy") ?? "")?.[1] ?? null;
  return nonce !== null && NONCE_PATTERN.test(nonce) ? nonce : null;
}

const STYLES = `
:root{color-scheme:light;font-family:"Be Vietnam Pro",system-ui,sans-serif;line-height:1.5;color:#1b1f24;background:#f7f7f5}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
section{background:#fff;border:1px solid #d6d6d0;border-radius:.5rem;padding:1rem 1.25rem;margin:1.25rem 0}
label{display:block;font-weight:600;margin-top:.75rem}
textarea{display:block;width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:.8rem;margin-top:.25rem}
.meta{color:#555;font-size:.9rem}
.button{margin-top:1rem;padding:.5rem 1rem;border-radius:.35rem;border:1px solid #0b5394;background:#0b5394;color:#fff;font:inherit;cursor:pointer}
.button[disabled]{opacity:.6}
.link{background:none;border:none;color:#0b5394;text-decoration:underline;font:inherit;cursor:pointer}
.result{margin-top:1rem;padding:.75rem 1rem;border-radius:.35rem;border:1px solid}
.result--good{border-color:#2e7d32;background:#edf7ee}
.result--bad{border-color:#b26a00;background:#fff6e5}
.result--alarm{border-color:#b71c1c;background:#fdecea}
dl .row{display:grid;grid-template-columns:14rem 1fr;gap:.5rem;margin:.25rem 0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
pre,code,.mono{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere;white-space:pre-wrap}
@media (max-width:40rem){dl .row{grid-template-columns:1fr}}
`;

export function verifierPageHtml(input: { locale: Locale; nonce: string | null; policy: string; site: string }): string {
  const script = readVerifierBundle();
  if (script === null) throw new AppError("UNAVAILABLE", "verifierNotBuilt");
  const words = VERIFIER_MESSAGES[input.locale];
  const nonce = input.nonce ? ` nonce="${input.nonce}"` : "";
  const data = scriptSafeJson({ policy: input.policy, site: input.site, locale: input.locale });
  return [
    "<!doctype html>",
    `<html lang="${input.locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(words.pageTitle)}</title>`,
    `<style>${STYLES}</style>`,
    "</head>",
    "<body>",
    `<div id="app"><main><h1>${escapeHtml(words.heading)}</h1><p>${escapeHtml(words.intro)}</p></main></div>`,
    `<script type="application/json" id="kiem-chung-data">${data}</script>`,
    `<script${nonce}>${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
