import { errorPage as en } from "./en/error-page";
import type { Locale } from "./locales";
import type { Messages } from "./vi";
import { errorPage as vi } from "./vi/error-page";

/**
 * The error page's words in every language, without the rest of the catalog: app/error.tsx is a
 * client component, bundled into every page. The same objects as messages(locale).errorPage.
 */
export const ERROR_PAGE_MESSAGES: Record<Locale, Messages["errorPage"]> = { vi, en };
