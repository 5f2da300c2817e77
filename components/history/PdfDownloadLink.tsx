"use client";

import { useState, type MouseEvent } from "react";

/**
 * The PDF download link. Making a PDF takes the server a moment (seconds for a whole
 * handbook), so with JavaScript the link fetches the file itself and says so while it waits;
 * without JavaScript it is an ordinary download link.
 */
export function PdfDownloadLink({ href, fileName, label, preparing, failed }: { href: string; fileName: string; label: string; preparing: string; failed: string }) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    if (state === "busy") return;
    setState("busy");
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // The browser has taken the file once the click is handled; the object URL is not needed after.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setState("idle");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <a href={href} download={fileName} onClick={download} aria-busy={state === "busy"} className="export-links__pdf">
        {state === "busy" ? preparing : label}
      </a>
      <span role="status" className="export-links__status">
        {state === "failed" ? failed : ""}
      </span>
    </>
  );
}
