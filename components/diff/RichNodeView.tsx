import { Fragment, type ReactNode } from "react";
import type { Mark, RichNode } from "@/lib/domain/document";
import { isAllowedHref } from "@/lib/editor/extensions";
import type { Messages } from "@/lib/i18n/messages";

/**
 * A block of handbook content drawn plainly for the diff views: the structure and common
 * marks, no editor classes. Text goes through React, so it is escaped; links keep their
 * href only when the editor's own rule allows it.
 */
export function RichNodeView({ node, labels }: { node: RichNode; labels: Messages["diff"] }): ReactNode {
  return renderNode(node, labels, "0");
}

/** Content headings start at level 3 in the editor; the view keeps them below its own h2 section titles. */
export function headingTag(node: RichNode): "h3" | "h4" | "h5" | "h6" {
  const level = typeof node.attrs?.level === "number" ? node.attrs.level : 3;
  if (level <= 3) return "h3";
  if (level === 4) return "h4";
  if (level === 5) return "h5";
  return "h6";
}

function renderChildren(node: RichNode, labels: Messages["diff"]): ReactNode[] {
  return (node.content ?? []).map((child, index) => renderNode(child, labels, String(index)));
}

function renderNode(node: RichNode, labels: Messages["diff"], key: string): ReactNode {
  switch (node.type) {
    case "text":
      return renderText(node.text ?? "", node.marks ?? [], key);
    case "hardBreak":
      return <br key={key} />;
    case "paragraph":
      return <p key={key}>{renderChildren(node, labels)}</p>;
    case "heading": {
      const Heading = headingTag(node);
      return <Heading key={key}>{renderChildren(node, labels)}</Heading>;
    }
    case "bulletList":
      return <ul key={key}>{renderChildren(node, labels)}</ul>;
    case "orderedList": {
      const start = typeof node.attrs?.start === "number" ? node.attrs.start : undefined;
      return (
        <ol key={key} start={start}>
          {renderChildren(node, labels)}
        </ol>
      );
    }
    case "listItem":
      return <li key={key}>{renderChildren(node, labels)}</li>;
    case "blockquote":
      return <blockquote key={key}>{renderChildren(node, labels)}</blockquote>;
    case "codeBlock":
      return (
        <pre key={key}>
          <code>{renderChildren(node, labels)}</code>
        </pre>
      );
    case "horizontalRule":
      return <hr key={key} />;
    case "table":
      return (
        <table key={key} className="diff-content-table">
          <tbody>{renderChildren(node, labels)}</tbody>
        </table>
      );
    case "tableRow":
      return <tr key={key}>{renderChildren(node, labels)}</tr>;
    case "tableHeader":
      return <th key={key}>{renderChildren(node, labels)}</th>;
    case "tableCell":
      return <td key={key}>{renderChildren(node, labels)}</td>;
    case "image": {
      const alt = typeof node.attrs?.alt === "string" ? node.attrs.alt : "";
      return <span key={key}>{labels.imageAlt(alt)}</span>;
    }
    default:
      return <div key={key}>{renderChildren(node, labels)}</div>;
  }
}

function renderText(text: string, marks: readonly Mark[], key: string): ReactNode {
  let rendered: ReactNode = text;
  for (const mark of marks) rendered = wrapInMark(rendered, mark);
  return <Fragment key={key}>{rendered}</Fragment>;
}

function wrapInMark(content: ReactNode, mark: Mark): ReactNode {
  switch (mark.type) {
    case "bold":
      return <strong>{content}</strong>;
    case "italic":
      return <em>{content}</em>;
    case "underline":
      return <u>{content}</u>;
    case "strike":
      return <s>{content}</s>;
    case "code":
      return <code>{content}</code>;
    case "link": {
      const href = typeof mark.attrs?.href === "string" ? mark.attrs.href : "";
      if (!isAllowedHref(href)) return content;
      return (
        <a href={href} rel="noopener noreferrer nofollow">
          {content}
        </a>
      );
    }
    default:
      return content;
  }
}
