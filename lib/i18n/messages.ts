import { en } from "./en";
import type { Locale } from "./locales";
import { vi, type Messages } from "./vi";

/**
 * The one catalog of words a person reads, Vietnamese first (./vi) and English (./en), one file
 * per namespace in each. `messages(locale)` is the only way in; the completeness test beside this
 * file checks that both languages have every key and no empty string.
 */
export type { Messages };
export const MESSAGES: Record<Locale, Messages> = { vi, en };

export function messages(locale: Locale): Messages {
  return MESSAGES[locale];
}
