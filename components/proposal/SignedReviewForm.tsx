"use client";

import { useRef, useState, type FormEvent } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { browserReviewerKey, signWithReviewerKey } from "./reviewer-key-store";

type FormAction = (form: FormData) => void | Promise<void>;

/**
 * The review form. An approval is signed here, in the browser, with the reviewer's own Ed25519
 * key (WebCrypto, non-extractable, kept in IndexedDB; registered to the account on first use):
 * the signature over the proposal's approvalPayload goes with the form, the private key never
 * leaves the browser. Objections are sent as they are.
 */
export function SignedReviewForm(props: {
  proposalId: string;
  userId: string;
  contentHash: string;
  approvalPayload: string;
  action: FormAction;
  /** Plain strings only: a client component cannot be handed the catalog's functions. */
  labels: Pick<Messages["proposal"], "review" | "reviewBoundHint" | "approve" | "requestChanges" | "reject" | "reviewComment" | "sendReview">;
  words: Messages["approvals"];
}) {
  const { labels, words } = props;
  const signed = useRef(false);
  const [state, setState] = useState<"idle" | "signing" | "failed">("idle");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const decision = new FormData(form).get("decision");
    if (decision !== "approve" || signed.current) return;
    event.preventDefault();
    setState("signing");
    try {
      const key = await browserReviewerKey(props.userId);
      const signature = await signWithReviewerKey(key, props.approvalPayload);
      const field = form.elements.namedItem("signature");
      if (field instanceof HTMLInputElement) field.value = signature;
      signed.current = true;
      form.requestSubmit();
    } catch {
      setState("failed");
    }
  }

  return (
    <section className="card" aria-labelledby="review">
      <h2 id="review">{labels.review}</h2>
      <p className="meta">{labels.reviewBoundHint}</p>
      <p className="meta">{words.signingHint}</p>
      <form action={props.action} onSubmit={onSubmit} className="stack">
        <input type="hidden" name="proposalId" value={props.proposalId} />
        <input type="hidden" name="contentHash" value={props.contentHash} />
        <input type="hidden" name="signature" defaultValue="" />
        <fieldset>
          <legend>{labels.review}</legend>
          <label className="inline-form"><input type="radio" name="decision" value="approve" required style={{ width: "auto" }} /> {labels.approve}</label>
          <label className="inline-form"><input type="radio" name="decision" value="request_changes" style={{ width: "auto" }} /> {labels.requestChanges}</label>
          <label className="inline-form"><input type="radio" name="decision" value="reject" style={{ width: "auto" }} /> {labels.reject}</label>
        </fieldset>
        <div>
          <label htmlFor="review-comment">{labels.reviewComment}</label>
          <textarea id="review-comment" name="comment" maxLength={10000} />
        </div>
        {state === "failed" && <p className="notice notice--error" role="alert">{words.signingFailed}</p>}
        <button className="button" type="submit" disabled={state === "signing"}>{state === "signing" ? words.signing : labels.sendReview}</button>
      </form>
    </section>
  );
}
