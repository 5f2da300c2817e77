import type { Messages } from "../vi";

export const content: Messages["content"] = {
  problems: {
    notADoc: () => 'The content must be a Tiptap document { type: "doc" }',
    notSerializable: () => "The content is not serializable JSON",
    tooLarge: (params) => `The content is too large: ${params.bytes} bytes, at most ${params.max}`,
    textTooLong: (params) => `The text is too long: ${params.chars} characters, at most ${params.max}`,
    nestingTooDeep: (params) => `The content is nested too deep, at most ${params.max} levels`,
    notANode: (params) => `Not a node: ${params.value}`,
    unknownNodeType: (params) => `Unknown node type: ${params.value}`,
    textWithoutText: () => "A text node without text",
    unstorableText: (params) => `The text holds control characters or broken Unicode: ${params.value}`,
    contentNotArray: (params) => `The content of a ${params.node} node must be a list`,
    marksNotArray: () => "A text's formatting must be a list",
    invalidMark: (params) => `Invalid formatting: ${params.value}`,
    unknownMarkType: (params) => `Unknown formatting: ${params.value}`,
    unsafeLink: (params) => `Unsafe link: ${params.value}`,
    attrsNotObject: (params) => `The attributes of ${params.node} must be an object`,
    attributeNotPrimitive: (params) => `The attribute ${params.node}.${params.name} must be a single value, not an object`,
    invalidAttributeValue: (params) => `Invalid value for ${params.node}.${params.name}: ${params.value}`,
    invalidStructure: (params) => `Invalid document structure: ${params.detail}`,
    foreignRoots: (params) => `Data outside the section's content: ${params.roots}`,
    keyedEntries: () => "Data outside the section's content (keyed entries in the content fragment)",
    unreadableDocument: (params) => `The document cannot be read: ${params.detail}`,
  },
  importProblem: (params) => `Section ${params.section} “${params.title}”: ${params.problem}`,
  importTitleLength: (params) => `a section title must have 1 to ${params.max} characters`,
};
