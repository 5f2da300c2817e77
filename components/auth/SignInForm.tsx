"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

export function SignInForm({
  callbackUrl,
  labels,
  oidcEnabled,
  initialError,
  errorMessages,
}: {
  callbackUrl: string;
  labels: { email: string; password: string; submit: string; submitting: string; sso: string };
  oidcEnabled: boolean;
  initialError: string | null;
  /** The words for each sign-in error code, from the catalog; CredentialsSignin is the fallback. */
  errorMessages: Record<string, string>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError((result?.error ? errorMessages[result.error] : undefined) ?? errorMessages.CredentialsSignin);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <>
      <form className="stack" onSubmit={onSubmit} noValidate={false}>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div>
          <label htmlFor="email">{labels.email}</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div>
          <label htmlFor="password">{labels.password}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? labels.submitting : labels.submit}
        </button>
      </form>
      {oidcEnabled && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => signIn("oidc", { callbackUrl })}>
            {labels.sso}
          </button>
        </p>
      )}
    </>
  );
}
