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
};
