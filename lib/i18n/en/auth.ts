import type { Messages } from "../vi";

export const auth: Messages["auth"] = {
  title: "Sign in",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  sso: "Single sign-on (SSO)",
  demoTitle: "Demo accounts",
  demoHint: "All demo accounts share the password",
  signedInAs: "Signed in as",
  signInErrors: {
    CredentialsSignin: "Wrong email or password.",
    RateLimited: "Too many failed sign-ins. Wait a few minutes and try again; if you forgot your password, ask an administrator.",
    DemoDisabled: "Demo accounts are disabled on the production server.",
    OidcUnknownUser: "This SSO account has not been created by an administrator here.",
    OidcNoEmail: "The SSO provider did not send an email address.",
    OidcEmailNotVerified: "The SSO provider has not verified this email address. Verify it there, then sign in again.",
    OidcIdentityConflict: "This account is already linked to another SSO identity. Ask an administrator.",
  },
};
