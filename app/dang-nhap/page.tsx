import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { getCurrentActor } from "@/lib/auth/current";
import { DEMO_PASSWORD, demoAccountsAllowed } from "@/lib/auth/password";
import { SIGN_IN_ERRORS } from "@/lib/auth/sign-in";
import { getMessages } from "@/lib/i18n/server";
import { DEMO_USERS } from "@/lib/services/seed-data";
import { ROLE_LABELS } from "@/lib/domain/roles";

export const metadata: Metadata = { title: "Đăng nhập" };

const KNOWN_ERRORS: Record<string, string> = {
  OidcUnknownUser: "Tài khoản SSO này chưa được quản trị viên tạo trong hệ thống.",
  OidcNoEmail: "Nhà cung cấp SSO không gửi địa chỉ email.",
  CredentialsSignin: SIGN_IN_ERRORS.invalid,
};

function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/lam-viec";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const callback = safeCallback(callbackUrl);
  if (await getCurrentActor()) redirect(callback);
  const { locale, t } = await getMessages();
  const oidcEnabled = !!(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
  const errorMessage = error ? (KNOWN_ERRORS[error] ?? (Object.values(SIGN_IN_ERRORS) as string[]).find((m) => m === error) ?? SIGN_IN_ERRORS.invalid) : null;
  return (
    <div className="prose">
      <h1>{t.auth.title}</h1>
      <SignInForm
        callbackUrl={callback}
        labels={{ email: t.auth.email, password: t.auth.password, submit: t.auth.submit, submitting: t.auth.submitting, sso: t.auth.sso }}
        oidcEnabled={oidcEnabled}
        initialError={errorMessage}
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
