import Link from "next/link";
import type { Actor } from "@/lib/policies";
import { can } from "@/lib/policies";
import { otherLocale, type Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { NotificationCount } from "./NotificationCount";

/** `unreadNotifications` is the signed-in person's count when the page was rendered (null for a visitor). */
export function SiteHeader({ locale, actor, unreadNotifications }: { locale: Locale; actor: Actor | null; unreadNotifications: number | null }) {
  const t = messages(locale);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-brand">
          <span className="site-brand__mark" aria-hidden="true">CN</span>
          <span>
            <span className="site-brand__name">{t.site.name}</span>
            <span className="site-brand__tagline">{t.site.tagline}</span>
          </span>
        </Link>
        <nav aria-label={t.site.mainNav} className="site-nav">
          <ul>
            <li><Link href="/">{t.site.home}</Link></li>
            {actor && <li><Link href="/lam-viec">{t.site.workspace}</Link></li>}
            {actor && unreadNotifications !== null && <li><NotificationCount initial={unreadNotifications} locale={locale} /></li>}
            {can(actor, "admin:manage") && <li><Link href="/quan-tri">{t.site.admin}</Link></li>}
            <li><LanguageSwitch label={t.site.switchTo} target={otherLocale(locale)} /></li>
            <li>
              {actor ? (
                <span className="site-nav__user">
                  <span className="site-nav__name">{actor.name}</span>
                  <SignOutButton label={t.site.signOut} />
                </span>
              ) : (
                <Link href="/dang-nhap" className="button button--small">{t.site.signIn}</Link>
              )}
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
