import { describeContentProblem } from "../../domain/content-problems";
import type { Messages } from "../vi";
import { content } from "./content";

export const collab: Messages["collab"] = {
  refusals: {
    "invalid-document": () => "Invalid document name",
    "origin-not-allowed": () => "Connections from this origin are not allowed",
    "invalid-token": () => "Invalid access token",
    "token-expired": () => "The access token has expired",
    "wrong-document": () => "The access token is for another document",
    "unknown-user": () => "Unknown or inactive account",
    "not-found": () => "The proposal or its section was not found",
    forbidden: () => "You may not open this draft",
    "too-many-connections": () => "Too many people have this section open",
    "too-many-documents": () => "Too many sections open on one connection",
    "invalid-content": (params) => params.problems.map((problem) => describeContentProblem(content.problems, problem)).join("; "),
    "document-too-large": (params) => `The document exceeds ${params.maxBytes} bytes`,
    "malformed-update": () => "Malformed update",
  },
};
