/**
 * Security headers every response carries. The Content Security Policy is not here: it names a
 * fresh nonce per response and is set by proxy.ts (lib/http/security-headers.ts).
 */
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * Requests with a chunked or large body skip proxy.ts (see its matcher), so they get no nonce
 * and no policy from it. Should such a request render a page (a form posted without
 * JavaScript), that page runs no script at all.
 */
const policyWithoutProxy = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The largest body proxy.ts sees: a Content-Length of five digits at most, never chunked. */
const PROXIED_BODY_MAX_BYTES = 99_999;

/**
 * Chapter imports arrive through a server action; a long chapter in Markdown or DOCX exceeds
 * Next's 1 MB default, and the import service enforces its own limit (2 MiB) below this one.
 * Next reads server action bodies chunk by chunk and answers 413 past this size.
 */
const SERVER_ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Word imports read mammoth's HTML with @tiptap/html on happy-dom; loaded from node_modules, not bundled.
  serverExternalPackages: ["happy-dom"],
  reactStrictMode: true,
  // One copy of Yjs on the server: bundled, it arrived twice (its ESM and CommonJS builds, pulled
  // in by different importers), and Yjs's constructor checks then fail silently (yjs#438).
  // Left to Node, every importer gets the same module.
  serverExternalPackages: ["yjs"],
  experimental: {
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
    // Next holds the whole body of every request proxy.ts sees until the proxy has run (up to 10 MB
    // by default). The proxy sees no body larger than this (its matcher), so none is cut short.
    proxyClientMaxBodySize: PROXIED_BODY_MAX_BYTES,
  },
  async headers() {
    const withoutProxy = [{ key: "Content-Security-Policy", value: policyWithoutProxy }];
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      { source: "/:path*", has: [{ type: "header", key: "transfer-encoding" }], headers: withoutProxy },
      { source: "/:path*", has: [{ type: "header", key: "content-length", value: "[0-9]{6,}" }], headers: withoutProxy },
    ];
  },
};

export default nextConfig;
