"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { browserReviewerKey, forgetBrowserReviewerKey } from "@/components/proposal/reviewer-key-store";

/** Makes a new key in this browser and registers it, which retires the one in use (a rotation). */
export function RotateReviewerKeyButton({ userId, label, failed }: { userId: string; label: string; failed: string }) {
  const router = useRouter();
  const [error, setError] = useState(false);
  return (
    <>
      <button
        className="button button--small button--secondary"
        type="button"
        data-testid="rotate-reviewer-key"
        onClick={async () => {
          try {
            await forgetBrowserReviewerKey(userId);
            await browserReviewerKey(userId);
            router.refresh();
          } catch {
            setError(true);
          }
        }}
      >
        {label}
      </button>
      {error && <p className="notice notice--error" role="alert">{failed}</p>}
    </>
  );
}
