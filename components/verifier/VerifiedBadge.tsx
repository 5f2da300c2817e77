"use client";

import { useEffect, useState } from "react";
import { formatVerifierKey, verifyVersionFiles, type VersionFilesFailureReason, type VersionFilesVerification } from "@/lib/domain/tlog";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { isVerifierReason, VERIFIER_MESSAGES } from "@/lib/i18n/verifier-messages";
import { followLog, type FollowOutcome } from "./follow-log";

/** What the badge found: the files verified, or why not (also when they could not be downloaded). */
type BadgeFiles = Extract<VersionFilesVerification, { ok: true }> | { ok: false; reason: VersionFilesFailureReason | "files_unavailable"; message: string };
type State = { phase: "checking" } | { phase: "done"; files: BadgeFiles; log: FollowOutcome | null };

async function text(url: string): Promise<string> {
  const response = await fetch(url, { credentials: "omit" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/**
 * "Đã kiểm chứng" on a version page: the reader's browser verifies the version itself from the
 * public files anyone can download (the version JSON, its tlog-proof file and the log's policy),
 * with the same code as /kiem-chung and `handbook verify --offline`, and follows the log from the
 * checkpoint this browser kept. Shows the log key that signed, the approvers' key fingerprints
 * (unsigned legacy approvals as such) and the witnesses that cosigned.
 */
export function VerifiedBadge({ documentSlug, number, locale }: { documentSlug: string; number: number; locale: Locale }) {
  const t = VERIFIER_MESSAGES[locale];
  const [state, setState] = useState<State>({ phase: "checking" });

  useEffect(() => {
    let cancelled = false;
    const base = `/api/v1/documents/${encodeURIComponent(documentSlug)}/versions/${number}`;
    void (async () => {
      let files: BadgeFiles;
      let policy = "";
      try {
        const [content, proof, policyText] = await Promise.all([text(base), text(`${base}/proof`), text("/log/policy")]);
        policy = policyText;
        files = verifyVersionFiles({ content, proof, policy });
      } catch (error) {
        files = { ok: false, reason: "files_unavailable", message: error instanceof Error ? error.message : String(error) };
      }
      let log: FollowOutcome | null = null;
      // The log is followed whatever the files said: a rewrite must be reported as such.
      if (policy !== "") {
        let store: Storage | null = null;
        try {
          store = window.localStorage;
        } catch {
          store = null;
        }
        log = await followLog({ base: window.location.origin, policy, store });
      }
      if (!cancelled) setState({ phase: "done", files, log });
    })();
    return () => {
      cancelled = true;
    };
  }, [documentSlug, number]);

  if (state.phase === "checking") {
    return (
      <p className="verified-badge meta" data-testid="verified-badge" aria-live="polite">
        {t.badgeChecking}
      </p>
    );
  }
  const { files, log } = state;
  const reason = (key: string) => (isVerifierReason(key) ? t.reasons[key] : key);
  if (log && !log.ok && log.security) {
    return (
      <section className="notice notice--error verified-badge" data-testid="verified-badge" role="alert">
        <strong>⚠ {t.rewriteDetected}</strong>
        <p>{t.rewriteExplain}</p>
        <p className="meta">{t.keptCheckpoint}</p>
        <pre className="mono">{log.keptNote}</pre>
        <p className="meta">{t.receivedCheckpoint}</p>
        <pre className="mono">{log.receivedNote}</pre>
      </section>
    );
  }
  if (!files.ok) {
    return (
      <section className="notice notice--error verified-badge" data-testid="verified-badge" role="alert">
        <strong>{t.notVerified}</strong> — {reason(files.reason)} <a href="/kiem-chung">{t.badgeVerifyYourself}</a>
      </section>
    );
  }
  const { statement } = files;
  return (
    <details className="notice verified-badge" data-testid="verified-badge">
      <summary>
        <strong>✓ {t.verified}</strong> · <span className="meta">{t.entryOf({ index: files.leafIndex, size: files.checkpoint.size, origin: files.checkpoint.origin })}</span>
      </summary>
      <p className="meta">{t.badgeVerifiedHint}</p>
      {log && !log.ok && <p className="meta" role="alert">{t.onlineRejected}: {reason(log.reason)}</p>}
      <dl>
        <dt>{t.signer}</dt>
        <dd><code className="mono" data-testid="badge-log-key">{formatVerifierKey(files.log.key)}</code></dd>
        <dt>{t.approvers}</dt>
        <dd>
          {statement.approvals.length === 0 ? (
            t.none
          ) : (
            <ul data-testid="badge-approvers">
              {statement.approvals.map((approval) => (
                <li key={approval.approvalHash}>
                  {approval.reviewer.name} — {approval.signing === "ed25519" ? <code className="mono">{approval.keyFingerprint}</code> : t.legacyApproval}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t.witnesses}</dt>
        <dd>
          {files.cosignatures.length === 0 ? (
            t.noWitnesses
          ) : (
            <ul>
              {files.cosignatures.map((item) => (
                <li key={item.witness}>{t.cosignedAt({ witness: item.witness, time: formatDateTime(new Date(item.timestamp * 1000), locale) })}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t.statementHash}</dt>
        <dd><code className="mono">{files.statementHash}</code></dd>
      </dl>
      <a href="/kiem-chung">{t.badgeVerifyYourself}</a>
    </details>
  );
}
