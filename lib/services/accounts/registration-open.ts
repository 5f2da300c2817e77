import { isMailEnabled } from "../../mail/config";

/** Self-registration needs the confirmation email, so it is open exactly when email is configured. */
export function registrationOpen(): boolean {
  return isMailEnabled();
}
