import { admin } from "./admin";
import { api } from "./api";
import { approvals } from "./approvals";
import { auth } from "./auth";
import { cli } from "./cli";
import { collab } from "./collab";
import { consultation } from "./consultation";
import { content } from "./content";
import { diff } from "./diff";
import { editor } from "./editor";
import { email } from "./email";
import { errorPage } from "./error-page";
import { errors } from "./errors";
import { history } from "./history";
import { log } from "./log";
import { verifier } from "./verifier";
import { notifications } from "./notifications";
import { pdf } from "./pdf";
import { proposal } from "./proposal";
import { publication } from "./publication";
import { reader } from "./reader";
import { site } from "./site";
import { suggestions } from "./suggestions";
import { webhooks } from "./webhooks";
import { workspace } from "./workspace";

/**
 * The Vietnamese catalog: the source of truth for the shape of every language's catalog. One file
 * per namespace; a new namespace is added here, in ../en/index.ts with the same name, and nowhere
 * else. Entries are strings, or functions of typed parameters for words that vary (use
 * `plural()` from ../plural.ts for counts).
 */
export const vi = { site, reader, auth, workspace, admin, errors, errorPage, notifications, email, pdf, history, diff, proposal, editor, log, publication, approvals, webhooks, verifier, consultation, suggestions, content, collab, api, cli };

export type Messages = typeof vi;
