import type { ContentProblemTexts } from "../../domain/content-problems";

/** Why a section's content is refused (lib/editor/content.ts, the collaboration server's guard, imports). */
const problems: ContentProblemTexts = {
  notADoc: () => 'Nội dung phải là một tài liệu Tiptap { type: "doc" }',
  notSerializable: () => "Nội dung không phải JSON hợp lệ",
  tooLarge: (params) => `Nội dung quá lớn: ${params.bytes} byte, tối đa ${params.max}`,
  textTooLong: (params) => `Văn bản quá dài: ${params.chars} ký tự, tối đa ${params.max}`,
  nestingTooDeep: (params) => `Nội dung lồng nhau quá sâu, tối đa ${params.max} cấp`,
  notANode: (params) => `Phần tử không phải là một nút: ${params.value}`,
  unknownNodeType: (params) => `Loại nút không được hỗ trợ: ${params.value}`,
  textWithoutText: () => "Nút văn bản thiếu nội dung",
  unstorableText: (params) => `Văn bản chứa ký tự điều khiển hoặc mã Unicode hỏng: ${params.value}`,
  contentNotArray: (params) => `Nội dung của nút ${params.node} phải là một danh sách`,
  marksNotArray: () => "Định dạng của văn bản phải là một danh sách",
  invalidMark: (params) => `Định dạng không hợp lệ: ${params.value}`,
  unknownMarkType: (params) => `Định dạng không được hỗ trợ: ${params.value}`,
  unsafeLink: (params) => `Liên kết không an toàn: ${params.value}`,
  attrsNotObject: (params) => `Thuộc tính của ${params.node} phải là một đối tượng`,
  attributeNotPrimitive: (params) => `Thuộc tính ${params.node}.${params.name} phải là giá trị đơn, không phải đối tượng`,
  invalidAttributeValue: (params) => `Giá trị không hợp lệ cho ${params.node}.${params.name}: ${params.value}`,
  invalidStructure: (params) => `Cấu trúc nội dung không hợp lệ: ${params.detail}`,
  foreignRoots: (params) => `Dữ liệu ngoài nội dung mục: ${params.roots}`,
  keyedEntries: () => "Dữ liệu ngoài nội dung mục (các mục có khoá trong phần nội dung)",
  unreadableDocument: (params) => `Không đọc được tài liệu: ${params.detail}`,
};

export const content = {
  problems,
  importProblem: (params: { section: number; title: string; problem: string }) => `Mục ${params.section} “${params.title}”: ${params.problem}`,
  importTitleLength: (params: { max: number }) => `tên mục phải có từ 1 đến ${params.max} ký tự`,
};
