import { notFound } from "next/navigation";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import { readPublishedDocument, type PublishedDocument } from "@/lib/services/read-document";

/**
 * Loads a published document for a page, turning "not found" into Next's 404 page. Cached for
 * the duration of one request, so generateMetadata and the page share a single load.
 */
export const loadPublishedOr404 = cache(async function loadPublishedOr404(slug: string, versionParam?: string): Promise<PublishedDocument> {
  let versionNumber: number | undefined;
  if (versionParam !== undefined) {
    if (!/^[1-9][0-9]{0,8}$/.test(versionParam)) notFound();
    versionNumber = Number(versionParam);
  }
  try {
    return await readPublishedDocument({ slug, versionNumber });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

/**
 * The text in force on a day for /{document}/ngay/{YYYY-MM-DD}: a day before the first version
 * took effect, and anything that is not a real day, are the 404 page.
 */
export const loadInForceOr404 = cache(async function loadInForceOr404(slug: string, day: string): Promise<PublishedDocument> {
  try {
    return await readPublishedDocument({ slug, at: day });
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

/** An edition (/{document}/an-ban/{slug}): the version it names, read as that edition; an unknown one is the 404 page. */
export const loadEditionOr404 = cache(async function loadEditionOr404(slug: string, editionSlug: string): Promise<PublishedDocument> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(editionSlug)) notFound();
  try {
    return await readPublishedDocument({ slug, editionSlug });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
