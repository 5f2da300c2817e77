"use client";

import { useState } from "react";

/** "Trích dẫn": the citation text and identifiers, each with a button that copies it. */
export function CitationBox({
  heading,
  intro,
  citation,
  identifiers,
  copyLabel,
  copiedLabel,
  identifiersHeading,
}: {
  heading: string;
  intro: string;
  citation: string;
  identifiers: { label: string; uri: string }[];
  copyLabel: string;
  copiedLabel: string;
  identifiersHeading: string;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(text);
    } catch {
      // Without clipboard access the text stays selectable in the box.
      setCopied(null);
    }
  };
  return (
    <section className="citation" aria-labelledby="citation-heading">
      <h2 id="citation-heading">{heading}</h2>
      <p className="meta">{intro}</p>
      <p>
        <output className="citation-text" aria-label={heading}>{citation}</output>{" "}
        <button type="button" className="button button--small" onClick={() => copy(citation)}>
          {copied === citation ? copiedLabel : copyLabel}
        </button>
      </p>
      <h3>{identifiersHeading}</h3>
      <dl className="citation-identifiers">
        {identifiers.map((identifier) => (
          <div key={identifier.uri}>
            <dt>{identifier.label}</dt>
            <dd>
              <code className="mono">{identifier.uri}</code>{" "}
              <button type="button" className="button button--small" onClick={() => copy(identifier.uri)} aria-label={`${copyLabel}: ${identifier.label}`}>
                {copied === identifier.uri ? copiedLabel : copyLabel}
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
