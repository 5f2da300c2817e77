import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { getCurrentActor } from "@/lib/auth/current";
import { DEMO_PASSWORD, demoAccountsAllowed } from "@/lib/auth/password";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/options";
import { safeRedirectPath } from "@/lib/domain/safe-redirect";
import { getMessages } from "@/lib/i18n/server";
import { DEMO_USERS } from "@/lib/services/seed-data";
import { ROLE_LABELS } from "@/lib/domain/roles";

export const metadata: Metadata = { title: "Đăng nhập" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const { callbackUrl, error } = await searchParams;
  // The same check as every other redirect the site honours (lib/domain/safe-redirect.ts).
  const callback = safeRedirectPath(typeof callbackUrl === "string" ? callbackUrl : null, DEFAULT_AFTER_SIGN_IN);
  if (await getCurrentActor()) redirect(callback);
  const { locale, t } = await getMessages();
  const oidcEnabled = !!(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
  const signInErrors: Record<string, string> = t.auth.signInErrors;
  // Only the catalog's words are shown, never the query string itself.
  const errorMessage = typeof error === "string" ? (signInErrors[error] ?? t.auth.signInErrors.CredentialsSignin) : null;
  return (
    <div className="prose">
      <h1>{t.auth.title}</h1>
      <SignInForm
        callbackUrl={callback}
        labels={{ email: t.auth.email, password: t.auth.password, submit: t.auth.submit, submitting: t.auth.submitting, sso: t.auth.sso }}
        oidcEnabled={oidcEnabled}
        initialError={errorMessage}
        errorMessages={signInErrors}
      />
      {demoAccountsAllowed() && (
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t.auth.demoTitle}</h2>
          <p>
            {t.auth.demoHint} <code>{DEMO_PASSWORD}</code>
          </p>
          <table className="data">
            <tbody>
              {DEMO_USERS.map((user) => (
                <tr key={user.email}>
                  <td><code>{user.email}</code></td>
                  <td>{user.name}</td>
                  <td>{ROLE_LABELS[user.role][locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
