import type { Messages } from "../vi";
import { admin } from "./admin";
import { auth } from "./auth";
import { email } from "./email";
import { errors } from "./errors";
import { notifications } from "./notifications";
import { pdf } from "./pdf";
import { reader } from "./reader";
import { site } from "./site";
import { workspace } from "./workspace";

/** The English catalog, shaped by the Vietnamese one (../vi/index.ts). */
export const en: Messages = { site, reader, auth, workspace, admin, errors, notifications, email, pdf };
