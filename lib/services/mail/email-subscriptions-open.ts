import { isMailEnabled } from "../../mail/config";

/** Whether readers may subscribe by email here: only when this server sends email (SMTP_URL). */
export function emailSubscriptionsOpen(): boolean {
  return isMailEnabled();
}
