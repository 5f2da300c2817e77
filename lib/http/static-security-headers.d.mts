/** See static-security-headers.mjs. */
export const STATIC_SECURITY_HEADERS: readonly { readonly key: string; readonly value: string }[];
