import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <div className="prose">
      <h1>{t.reader.notFoundTitle}</h1>
      <p>{t.reader.notFoundBody}</p>
      <p><Link href="/">{t.reader.backHome}</Link></p>
    </div>
  );
}
