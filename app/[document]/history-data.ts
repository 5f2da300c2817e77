import { notFound } from "next/navigation";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import { listSectionHistory } from "@/lib/services/history/list-section-history";
import { HISTORY_PAGE_SIZE, listVersionDates, listVersions } from "@/lib/services/history/list-versions";

export { HISTORY_PAGE_SIZE };

/** Runs a use case for a page, turning "not found" into Next's 404 page. */
export async function orNotFound<Value>(work: Promise<Value>): Promise<Value> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A version number from a URL segment, or the 404 page. */
export function versionParam(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) notFound();
  return Number(value);
}

/** A positive version number from a query parameter; undefined when absent, null when malformed. */
export function optionalVersionQuery(value: string | string[] | undefined): number | undefined | null {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || !/^[1-9][0-9]{0,8}$/.test(value)) return null;
  return Number(value);
}

/** One page of history per request (the newest, or those below `before`), shared by a page and its metadata. */
export const documentHistory = cache((slug: string, before?: number) => orNotFound(listVersions({ slug, page: { size: HISTORY_PAGE_SIZE, before } })));

export const sectionHistory = cache((slug: string, sectionSlug: string) => orNotFound(listSectionHistory({ slug, sectionSlug })));

/** Every version's number and date (a version picker), one load per request. */
export const documentVersionDates = cache((slug: string) => orNotFound(listVersionDates({ slug })));
