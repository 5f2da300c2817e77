import "@fontsource/be-vietnam-pro/vietnamese-400.css";
import "@fontsource/be-vietnam-pro/vietnamese-600.css";
import "@fontsource/be-vietnam-pro/latin-400.css";
import "@fontsource/be-vietnam-pro/latin-600.css";
import "@fontsource/be-vietnam-pro/vietnamese-400-italic.css";
import "@fontsource/be-vietnam-pro/latin-400-italic.css";
import "./globals.css";
import "@/components/diff/diff.css";
import "@/components/editor/editor.css";
import "@/components/history/history.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { getCurrentActor } from "@/lib/auth/current";
import { getMessages } from "@/lib/i18n/server";
import { countUnreadNotifications } from "@/lib/services/notifications/list-notifications";

export const metadata: Metadata = {
  title: { default: "Cẩm nang mở — Cẩm nang chuyển đổi số", template: "%s · Cẩm nang mở" },
  description: "Cẩm nang chuyển đổi số: tài liệu mở, luôn được chỉnh lý, cập nhật, bổ sung, với lịch sử thay đổi minh bạch.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  const actor = await getCurrentActor();
  const unreadNotifications = actor ? await countUnreadNotifications({ userId: actor.id }) : null;
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">{t.site.skipToContent}</a>
        <SiteHeader locale={locale} actor={actor} unreadNotifications={unreadNotifications} />
        <main id="main" tabIndex={-1}>{children}</main>
        <footer className="site-footer">
          <p>{t.site.footer}</p>
          <p><a href="/api/v1/open-data.zip">{t.site.openData}</a> · <a href="/tai-lieu-api">{t.api.pageTitle}</a></p>
        </footer>
      </body>
    </html>
  );
}
