import mammoth from "mammoth";
import { AppError } from "../../errors";

/**
 * Word documents become Markdown first, then follow the Markdown import path, so both formats
 * are validated the same way. Mammoth maps Word's heading styles to `#` headings; `Heading 1`
 * and `Heading 2` therefore start sections, as in Markdown.
 */
interface MarkdownConverter {
  convertToMarkdown(input: { buffer: Buffer }): Promise<{ value: string; messages: { type: string; message: string }[] }>;
}

/** The ZIP signature every .docx starts with. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function docxToMarkdown(buffer: Buffer): Promise<string> {
  if (buffer.length < ZIP_MAGIC.length || ZIP_MAGIC.some((byte, index) => buffer[index] !== byte)) {
    throw new AppError("BAD_REQUEST", "Tệp không phải tài liệu Word (.docx) hợp lệ (not a DOCX file).");
  }
  try {
    // convertToMarkdown is part of mammoth's runtime API but missing from its type declarations.
    const result = await (mammoth as unknown as MarkdownConverter).convertToMarkdown({ buffer });
    return result.value.normalize("NFC");
  } catch {
    throw new AppError("BAD_REQUEST", "Không đọc được tệp Word; hãy lưu lại dưới dạng .docx hoặc Markdown (unreadable DOCX).");
  }
}
