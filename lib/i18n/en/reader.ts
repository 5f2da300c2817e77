import type { Messages } from "../vi";

export const reader: Messages["reader"] = {
  contents: "Contents",
  version: "Version",
  updated: "Updated",
  history: "History",
  compare: "Compare",
  owner: "Responsible ministry",
  noOwner: "Unassigned",
  propose: "Propose a change",
  previousSection: "Previous section",
  nextSection: "Next section",
  print: "Print / save as PDF",
  hash: "SHA-256 hash",
  sections: "sections",
  notFoundTitle: "Page not found",
  notFoundBody: "This address is not in the handbook. The section may have been renamed or the link mistyped.",
  backHome: "Back to the home page",
  emptyHandbook: "No document has been published yet.",
};
