import type { Metadata } from "next";
import Link from "next/link";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { getMessages } from "@/lib/i18n/server";
import { registrationOpen } from "@/lib/services/accounts/registration-open";
import { registerReaderAction } from "./actions";

export const metadata: Metadata = { title: "Đăng ký tài khoản góp ý" };

type Props = { searchParams: Promise<{ ok?: string; error?: string }> };

/** “Đăng ký”: anyone makes a reader account to comment in consultations, confirmed by email. */
export default async function RegisterPage({ searchParams }: Props) {
  const { ok, error } = await searchParams;
  const { t } = await getMessages();
  const c = t.consultation;
  return (
    <>
      <h1>{c.registerTitle}</h1>
      <FlashMessage ok={ok} error={error} okText={c.registerButton} />
      <p>{c.registerIntro}</p>
      {registrationOpen() ? (
        <form action={registerReaderAction} className="card stack" data-testid="register-form">
          <label htmlFor="register-name">{c.name}</label>
          <input id="register-name" name="name" required maxLength={120} autoComplete="name" />
          <label htmlFor="register-email">{c.email}</label>
          <input id="register-email" name="email" type="email" required maxLength={254} autoComplete="email" />
          <label htmlFor="register-password">{c.password({ min: MIN_PASSWORD_LENGTH })}</label>
          <input id="register-password" name="password" type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" />
          <button className="button" type="submit">{c.registerButton}</button>
        </form>
      ) : (
        <p className="notice" role="status">{c.registerMailOff}</p>
      )}
      <p><Link href="/dang-nhap">{c.signIn}</Link></p>
    </>
  );
}
