import type { Messages } from "../vi";

export const workspace: Messages["workspace"] = {
  title: "Workspace",
  you: "Your account",
  role: "Role",
  organization: "Ministry",
  noOrganization: "No ministry",
  abilities: "You can",
  apiTokens: "Personal API tokens",
  apiTokenName: "Token name",
  createToken: "Create token",
  tokenCreated: "New token — shown only once, store it now:",
  revoke: "Revoke",
  noTokens: "No tokens yet.",
};
