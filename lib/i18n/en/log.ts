import type { Messages } from "../vi";

export const log: Messages["log"] = {
  proofFile: "Proof file (.tlog-proof)",
  proofFileHint: "Proof that this version is in the signed transparency log; verify it without a network with “npx handbook verify --offline”.",
};
