import { expect, test, type Page } from "@playwright/test";
import { messages } from "@/lib/i18n/messages";
import { E2E_BASE_URL } from "../playwright.config";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_PORT } from "../playwright.sso.config";
import { startOidcProvider, type RunningProvider } from "./fixtures/oidc-provider";

/**
 * Single sign-on through a real OpenID Provider (oidc-provider on loopback, the product started
 * by playwright.sso.config.ts with OIDC_ISSUER pointing at it), in Chromium: the first sign-in
 * links a person the admin created by the email the provider verified, later ones go by
 * (issuer, sub) alone; an unverified email, an unknown person, a new subject presenting an already
 * linked person's email, and an email the provider changed before the first link are refused with
 * the catalog's words; signing out ends the session.
 */
const words = messages("vi");
const refusals = words.auth.signInErrors;
let provider: RunningProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  provider = await startOidcProvider({
    port: OIDC_PORT,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: `${E2E_BASE_URL}/api/auth/callback/oidc`,
    accounts: {
      // The login typed into the provider's form is the subject.
      "lan-sub-01": { email: "lan@mof.gov.vn", emailVerified: true, name: "Nguyễn Thị Lan (SSO)" },
      "someone-else-02": { email: "lan@mof.gov.vn", emailVerified: true, name: "Người khác" },
      "hoa-sub-03": { email: "hoa@mof.gov.vn", emailVerified: false, name: "Trần Thị Hòa" },
      "stranger-04": { email: "nguoi-la@example.vn", emailVerified: true, name: "Người lạ" },
      "tuan-sub-05": { email: "tuan.cu@mic.gov.vn", emailVerified: true, name: "Phạm Văn Tuấn" },
    },
  });
});

test.afterAll(async () => {
  await provider?.close();
});

/** Goes through the product's SSO button and the provider's own login and consent pages. */
async function signInThroughProvider(page: Page, subject: string): Promise<void> {
  await page.goto("/dang-nhap");
  await page.getByRole("button", { name: words.auth.sso }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/interaction/`));
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill("mat-khau-bat-ky");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_BASE_URL}/`));
}

async function sessionEmail(page: Page): Promise<string | null> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return session.user?.email ?? null;
}

async function expectRefused(page: Page, message: string): Promise<void> {
  await expect(page).toHaveURL(/\/dang-nhap\?error=/);
  await expect(page.locator("p.notice--error[role=alert]")).toHaveText(message);
  expect(await sessionEmail(page)).toBeNull();
}

test("the first sign-in links the person by the verified email; signing out ends the session", async ({ page }) => {
  await signInThroughProvider(page, "lan-sub-01");
  await expect(page).toHaveURL(/\/lam-viec/);
  // The person the admin created, not the provider's display name.
  await expect(page.locator(".site-nav__name")).toHaveText("Nguyễn Thị Lan");
  expect(await sessionEmail(page)).toBe("lan@mof.gov.vn");

  await page.getByRole("button", { name: words.site.signOut }).click();
  await expect(page.getByRole("link", { name: words.site.signIn })).toBeVisible();
  expect(await sessionEmail(page)).toBeNull();
  await page.goto("/lam-viec");
  await expect(page).toHaveURL(/\/dang-nhap/);
});

test("a later sign-in goes by (issuer, sub): the provider changed the email and it is still the same person", async ({ page }) => {
  provider.accounts.get("lan-sub-01")!.email = "lan.moi@mof.gov.vn";
  await signInThroughProvider(page, "lan-sub-01");
  await expect(page).toHaveURL(/\/lam-viec/);
  await expect(page.locator(".site-nav__name")).toHaveText("Nguyễn Thị Lan");
  expect(await sessionEmail(page)).toBe("lan@mof.gov.vn");
});

test("another subject presenting the linked person's email is refused", async ({ page }) => {
  await signInThroughProvider(page, "someone-else-02");
  await expectRefused(page, refusals.OidcIdentityConflict);
});

test("an email the provider has not verified is refused", async ({ page }) => {
  await signInThroughProvider(page, "hoa-sub-03");
  await expectRefused(page, refusals.OidcEmailNotVerified);
});

test("a person nobody created here is refused", async ({ page }) => {
  await signInThroughProvider(page, "stranger-04");
  await expectRefused(page, refusals.OidcUnknownUser);
});

test("an email changed at the provider before the first link matches nobody and is refused", async ({ page }) => {
  await signInThroughProvider(page, "tuan-sub-05");
  await expectRefused(page, refusals.OidcUnknownUser);
});
