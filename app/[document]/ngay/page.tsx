import { notFound, redirect } from "next/navigation";
import { isCalendarDate } from "@/lib/domain/effective-dates";

type Props = { params: Promise<{ document: string }>; searchParams: Promise<{ d?: string }> };

/** Where the day picker's form lands: on to /{document}/ngay/{day}. */
export default async function InForcePicker({ params, searchParams }: Props) {
  const [{ document }, { d }] = await Promise.all([params, searchParams]);
  if (!d || !isCalendarDate(d)) notFound();
  redirect(`/${encodeURIComponent(document)}/ngay/${d}`);
}
