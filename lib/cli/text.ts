import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { messages, type Messages } from "../i18n/messages";

export type CliMessages = Messages["cli"];
/** The environment variables the language is read from. */
export type LanguageEnv = Readonly<Record<string, string | undefined>>;

/**
 * The language the command line speaks: HANDBOOK_LANG (vi or en), else the language of LANG
 * (`en_GB.UTF-8` → en), else Vietnamese. A value naming a language we do not speak (fr, C.UTF-8)
 * is passed over, as a shell's LANG often is one.
 */
export function cliLocale(env: LanguageEnv = process.env): Locale {
  for (const value of [env.HANDBOOK_LANG, env.LANG]) {
    const language = value?.slice(0, 2).toLowerCase();
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** The catalog's command-line words in the language of `cliLocale`. */
export function cliText(env: LanguageEnv = process.env): CliMessages {
  return messages(cliLocale(env)).cli;
}
