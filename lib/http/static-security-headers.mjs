/**
 * Security headers every response carries, set by next.config.js on what Next answers and by the
 * web server's early answers (proxy.ts, the documents API from memory). The Content Security
 * Policy is not here: it names a fresh nonce per response and is set by proxy.ts
 * (lib/http/security-headers.ts). Plain JavaScript, because next.config.js loads it without a
 * TypeScript step.
 */
export const STATIC_SECURITY_HEADERS = Object.freeze([
  Object.freeze({ key: "X-Content-Type-Options", value: "nosniff" }),
  Object.freeze({ key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }),
  Object.freeze({ key: "X-Frame-Options", value: "DENY" }),
]);
