import { defineConfig } from "@playwright/test";
import base, { productWebServer } from "./playwright.config";

/**
 * Single sign-on against a real OpenID Provider (e2e/sso.spec.ts): the product as `npm start` runs
 * it, on a fresh database of its own, configured with OIDC_ISSUER / OIDC_CLIENT_ID /
 * OIDC_CLIENT_SECRET for the provider the spec starts on loopback (E2E_OIDC_PORT). A configuration
 * of its own because the provider's button changes the sign-in page every other spec drives.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3101);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? WEB_PORT + 7);
export const OIDC_CLIENT_ID = "cam-nang-mo-e2e";
export const OIDC_CLIENT_SECRET = "e2e-client-secret-not-used-anywhere-else";

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: "sso.spec.ts",
  webServer: productWebServer({
    webPort: WEB_PORT,
    collabPort: COLLAB_PORT,
    dataDir: "data/e2e-sso",
    env: { OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME: "SSO thử nghiệm" },
  }),
});
