/** See action-body-limit.mjs. */
export const SERVER_ACTION_BODY_LIMIT_BYTES: number;
/** The regular expression source of the decimal integers greater than `limit`. */
export function decimalAbovePattern(limit: number): string;
/** The Content-Length values of server action posts over SERVER_ACTION_BODY_LIMIT_BYTES. */
export const OVER_ACTION_LIMIT_CONTENT_LENGTH: string;
