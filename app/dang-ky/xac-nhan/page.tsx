import type { Metadata } from "next";
import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";
import { confirmRegistration } from "@/lib/services/accounts/confirm-registration";

export const metadata: Metadata = { title: "Xác nhận tài khoản" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ token?: string }> };

/** The link of the registration email: the reader account is made. */
export default async function ConfirmRegistrationPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const { t } = await getMessages();
  const c = t.consultation;
  const outcome = token ? await confirmRegistration({ token }) : { confirmed: false as const };
  return (
    <>
      <h1>{c.confirmTitle}</h1>
      {outcome.confirmed ? (
        <>
          <p className="notice notice--ok" role="status">{c.confirmDone}</p>
          <p><Link className="button" href="/dang-nhap">{c.signIn}</Link></p>
        </>
      ) : (
        <p className="notice notice--error" role="alert">{c.confirmFailed}</p>
      )}
    </>
  );
}
