import type { Locale } from "./locales";

/**
 * Picks the plural form of a count with the language's own rules (Intl.PluralRules, CLDR data).
 * Vietnamese has one form ("3 mục", "1 mục"); English has one and other. A form the language never
 * selects may be omitted, falling back to `other`.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const RULES: Record<Locale, Intl.PluralRules> = {
  vi: new Intl.PluralRules("vi-VN"),
  en: new Intl.PluralRules("en-GB"),
};

/** `plural("en", 2, { one: "# word", other: "# words" })` → "2 words"; `#` stands for the count. */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const form = forms[RULES[locale].select(count)] ?? forms.other;
  return form.replaceAll("#", String(count));
}
