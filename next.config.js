import { OVER_ACTION_LIMIT_CONTENT_LENGTH, SERVER_ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-body-limit.mjs";
import { STATIC_SECURITY_HEADERS } from "./lib/http/static-security-headers.mjs";

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

/**
 * Server action posts Next's action handler must not see: a Content-Length over
 * SERVER_ACTION_BODY_LIMIT_BYTES (lib/http/action-body-limit.mjs), or a chunked body. Next reads
 * those up to its `bodySizeLimit` and then answers 500; app/api/action-body/route.ts answers 413
 * (411 for a chunked body that ends within the limit) and runs no action. An action is posted
 * with a `Next-Action` header by the page's script, or as a multipart form without JavaScript;
 * the API's routes cap their own bodies (lib/http/api.ts) and are left alone. These requests skip
 * proxy.ts (its matcher), which runs before rewrites.
 */
const overLimit = { type: "header", key: "content-length", value: OVER_ACTION_LIMIT_CONTENT_LENGTH };
const chunked = { type: "header", key: "transfer-encoding" };
const fetchAction = { type: "header", key: "next-action" };
const formAction = { type: "header", key: "content-type", value: "multipart/form-data.*" };
const refusedActionBodies = [
  [fetchAction, overLimit],
  [fetchAction, chunked],
  [formAction, overLimit],
  [formAction, chunked],
].map((has) => ({ source: "/:path((?!api/).*)", has, destination: "/api/action-body" }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules, not bundled:
  // - yjs: bundled, it arrived twice (its ESM and CommonJS builds, pulled in by different
  //   importers), and Yjs's constructor checks then fail silently (yjs#438); left to Node, every
  //   importer gets the same module.
  // - happy-dom: Word imports read mammoth's HTML with @tiptap/html on it.
  serverExternalPackages: ["yjs", "happy-dom"],
  experimental: {
    // forbidden() in pages: a page refused for lack of permission answers 403 with app/forbidden.tsx.
    authInterrupts: true,
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
    // Next holds the whole body of every request proxy.ts sees until the proxy has run (up to 10 MB
    // by default), and cuts off what passes this. The proxy sees no body larger (its matcher: server
    // actions up to their own limit, other requests up to PROXIED_BODY_MAX_BYTES of
    // lib/auth/request-address.ts), so none is cut short.
    proxyClientMaxBodySize: SERVER_ACTION_BODY_LIMIT_BYTES,
  },
  async rewrites() {
    return { beforeFiles: refusedActionBodies, afterFiles: [], fallback: [] };
  },
  async headers() {
    const withoutProxy = [{ key: "Content-Security-Policy", value: policyWithoutProxy }];
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS.map(({ key, value }) => ({ key, value })) },
      { source: "/:path*", has: [{ type: "header", key: "transfer-encoding" }], headers: withoutProxy },
      { source: "/:path*", has: [{ type: "header", key: "content-length", value: "[0-9]{6,}" }], headers: withoutProxy },
    ];
  },
};

export default nextConfig;
