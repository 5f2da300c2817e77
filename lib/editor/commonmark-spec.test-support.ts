import type { RichNode } from "@/lib/domain/document";

/**
 * HTML keeps the newline that ends a code block's last line (`<pre><code>a\n</code></pre>`);
 * Markdown readers drop it with the closing fence. The same document, written two ways.
 */
export function withoutFenceNewline<T extends RichNode>(node: T): T {
  const copy: T = { ...node };
  const only = node.content?.[0];
  if (node.type === "codeBlock" && node.content?.length === 1 && only?.text?.endsWith("\n")) {
    const text = only.text.slice(0, -1);
    if (text.length > 0) copy.content = [{ ...only, text }];
    else delete copy.content;
    return copy;
  }
  if (node.content) copy.content = node.content.map((child) => withoutFenceNewline(child));
  return copy;
}
