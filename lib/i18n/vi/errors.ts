import { z } from "zod";
import type { LocalizedLabel } from "../../domain/review-policy";
import { describeContentProblem, describeImportProblem, type ContentProblem, type ImportProblem } from "../../domain/content-problems";
import { describeInputIssue, type InputIssue } from "../../domain/input-issues";
import { content } from "./content";
import { suggestionErrors } from "./suggestion-errors";

/**
 * What went wrong, as a person reads it. Every entry is a function of the error's parameters, so
 * that an AppError carries a key and parameters and is rendered in the reader's language where it
 * is shown (lib/errors.ts). Each message says what happened and, where it helps, what to do.
 */
/** zod's own Vietnamese words for what is wrong with an input field. */
const zodWords = z.locales.vi().localeError;

export const errors = {
  ...suggestionErrors,
  generic: () => "Đã có lỗi. Không có thay đổi nào được ghi; hãy thử lại.",
  internal: () => "Lỗi máy chủ; không có thay đổi nào được ghi.",
  databaseUnreachable: () => "Không kết nối được cơ sở dữ liệu.",
  forbiddenPage: () => "Bạn không có quyền xem trang này.",
  signInRequired: () => "Bạn cần đăng nhập để thực hiện thao tác này.",
  forbiddenAction: (params: { action: string }) => `Bạn không có quyền thực hiện thao tác này (${params.action}).`,
  invalidOrigin: () => "Nguồn gửi yêu cầu không hợp lệ.",
  crossOrigin: () => "Yêu cầu từ trang web khác bị từ chối.",
  payloadTooLarge: (params: { limitBytes: number }) => `Nội dung gửi lên quá lớn (tối đa ${params.limitBytes} byte).`,
  malformedJson: () => "Nội dung không phải JSON hợp lệ.",
  lengthRequired: () => "Yêu cầu này phải ghi rõ độ dài nội dung (Content-Length), như trình duyệt vẫn gửi; không có gì thay đổi.",
  invalidInput: (params: { issues: readonly InputIssue[] }) => `Dữ liệu không hợp lệ: ${params.issues.map((issue) => describeInputIssue(zodWords, issue)).join("; ")}`,
  positiveInteger: (params: { name: string }) => `Tham số ${params.name} phải là số nguyên dương.`,
  languageParameter: (params: { name: string; allowed: string }) => `Tham số ${params.name} phải là một trong: ${params.allowed}.`,
  mailDisabled: () => "Máy chủ này chưa cấu hình gửi email.",
  invalidEmail: () => "Địa chỉ email không hợp lệ; hãy kiểm tra lại.",
  tooManySubscriptionRequests: () => "Có quá nhiều yêu cầu đăng ký nhận tin; hãy thử lại sau ít phút.",
  subscriptionTargetNotFound: () => "Không tìm thấy tài liệu hoặc mục để theo dõi.",
  invalidEmailPreferences: () => "Lựa chọn nhận thông báo không hợp lệ; không có gì thay đổi.",
  invalidMailLink: () => "Liên kết không hợp lệ; hãy dùng đúng liên kết trong email.",
  pdfTooLarge: (params: { limitChars: number }) =>
    `Phiên bản này quá dài để tạo PDF (tối đa ${params.limitChars} ký tự); hãy tải bản Markdown hoặc HTML.`,
  effectiveDateInvalid: () => "Ngày có hiệu lực phải là một ngày có thật, viết dạng YYYY-MM-DD.",
  effectiveDateTooEarly: (params: { earliest: string }) =>
    `Ngày có hiệu lực không được sớm hơn ${params.earliest} (hôm nay, hoặc ngày có hiệu lực của phiên bản trước); không có gì được ban hành.`,
  invalidDate: () => "Ngày không hợp lệ: hãy viết một ngày có thật dạng YYYY-MM-DD.",
  notInForceOn: (params: { date: string }) => `Vào ngày ${params.date} tài liệu này chưa có văn bản nào có hiệu lực.`,
  noVersionInForce: () => "Tài liệu này chưa có phiên bản nào có hiệu lực.",
  withdrawalReasonRequired: (params: { max: number }) => `Hãy nêu lý do rút phiên bản (tối đa ${params.max} ký tự); lý do được công bố cùng phiên bản.`,
  withdrawalDateTooEarly: (params: { earliest: string }) =>
    `Ngày rút không được sớm hơn ${params.earliest} (hôm nay): việc rút không sửa lại văn bản đã có hiệu lực trước đó. Không có gì thay đổi.`,
  versionAlreadyWithdrawn: (params: { number: number }) => `Phiên bản ${params.number} đã được rút; không có gì thay đổi.`,
  withdrawalLeavesNothing: (params: { date: string }) =>
    `Không thể rút: từ ngày ${params.date} tài liệu sẽ không còn văn bản nào có hiệu lực. Hãy ban hành một phiên bản thay thế trước.`,
  editionSlugInvalid: (params: { max: number }) =>
    `Địa chỉ của ấn bản chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ an-ban-2027), tối đa ${params.max} ký tự.`,
  editionOfWithdrawnVersion: (params: { number: number }) => `Phiên bản ${params.number} đã được rút nên không thể đặt làm ấn bản.`,
  editionNameLength: (params: { max: number }) => `Tên ấn bản phải có từ 1 đến ${params.max} ký tự.`,
  editionNoteLength: (params: { max: number }) => `Ghi chú của ấn bản tối đa ${params.max} ký tự.`,
  editionExists: (params: { name: string }) => `Đã có ấn bản “${params.name}” cho tài liệu này; địa chỉ của một ấn bản không bao giờ đổi.`,
  editionNotFound: () => "Không tìm thấy ấn bản này.",
  versionNotFound: (params: { number: number }) => `Không tìm thấy phiên bản ${params.number}.`,
  rateLimited: (params: { seconds: number }) => `Bạn thao tác quá nhanh. Hãy thử lại sau ${params.seconds} giây.`,
  readOnlyToken: () => "Khóa API này chỉ có quyền đọc; hãy dùng một khóa có quyền ghi cho thao tác này.",
  tokenNameLength: (params: { max: number }) => `Tên khóa API phải có từ 1 đến ${params.max} ký tự.`,
  tokenDays: (params: { max: number }) => `Thời hạn của khóa phải là số ngày nguyên từ 1 đến ${params.max}.`,
  tokenScope: () => "Hãy chọn quyền của khóa: chỉ đọc (read) hoặc đọc và ghi (write).",
  tokenNotFound: () => "Không tìm thấy khóa API.",
  tokenPrefixAmbiguous: () => "Có nhiều khóa cùng tiền tố này; hãy thu hồi theo mã khóa (--id).",
  proposalNotFound: () => "Không tìm thấy đề xuất.",
  logStatementInvalid: (params: { reason: string }) => `Không lập được tuyên bố (statement) của phiên bản cho nhật ký minh bạch: ${params.reason}. Không có gì được ban hành.`,
  nonNegativeInteger: (params: { name: string }) => `Tham số ${params.name} phải là số nguyên không âm (0, 1, 2…).`,
  logProofRange: (params: { detail: string }) => `Không có bằng chứng cho khoảng này: ${params.detail}.`,
  verifierNotBuilt: () => "Trang kiểm chứng chưa được dựng: chạy “npm run build” (hoặc “npm start”) một lần.",
  logNotSigned: () => "Nhật ký minh bạch chưa có điểm kiểm (checkpoint) nào được ký.",
  versionNotInLog: () => "Phiên bản này chưa có trong nhật ký minh bạch; hãy thử lại sau khi máy chủ khởi động xong.",
  logTileNotFound: () => "Không có ô (tile) này trong nhật ký minh bạch.",
  docxNotWord: () => "Tệp không phải tài liệu Word (.docx) hợp lệ.",
  docxUnreadable: () => "Không đọc được tệp Word; hãy lưu lại dưới dạng .docx hoặc Markdown.",
  docxUnsafeLink: (params: { href: string }) => `Tệp Word có liên kết không an toàn: ${params.href}. Hãy xóa hoặc sửa liên kết đó rồi nhập lại.`,
  docxTooManyEntries: (params: { max: number }) => `Tệp Word chứa quá nhiều thành phần (tối đa ${params.max}); hãy lưu lại tệp hoặc nhập dưới dạng Markdown.`,
  docxTooLarge: (params: { maxMiB: number }) => `Tệp Word khi giải nén quá lớn (tối đa ${params.maxMiB} MiB); hãy bớt hình ảnh hoặc nhập dưới dạng Markdown.`,
  reviewerKeyInvalid: () =>
    "Khóa công khai không hợp lệ: cần base64 của đúng 32 byte khóa công khai Ed25519 (ví dụ từ “npx handbook key:register --file”).",
  reviewerKeyTaken: () => "Khóa công khai này đã được đăng ký cho một người khác.",
  reviewerKeyRetired: () => "Khóa này đã bị thu hồi hoặc thay thế; hãy tạo một khóa mới.",
  reviewerKeyNotFound: () => "Không tìm thấy khóa này trong các khóa đang dùng của bạn.",
  reviewerKeyMissing: () => "Bạn chưa đăng ký khóa ký phê duyệt; hãy đăng ký khóa công khai (POST /api/v1/me/keys) rồi ký lại.",
  approvalSignatureRequired: () =>
    "Phê duyệt phải được ký: gửi “signature”, chữ ký Ed25519 (base64) trên approvalPayload của đề xuất bằng khóa của bạn.",
  approvalSignatureInvalid: () =>
    "Chữ ký không khớp với nội dung hiện tại của đề xuất và khóa đã đăng ký của bạn; hãy tải lại đề xuất và ký lại.",
  // Input and requests
  missingParameter: (params: { name: string }) => `Thiếu tham số ${params.name}.`,
  methodNotAllowed: (params: { allowed: string }) => `Phương thức không được hỗ trợ; hãy dùng ${params.allowed}.`,
  pathNotFound: () => "Không có đường dẫn này.",
  invalidData: () => "Dữ liệu không hợp lệ.",
  invalidContent: (params: { problems: readonly ContentProblem[] }) => `Nội dung không hợp lệ: ${params.problems.map((problem) => describeContentProblem(content.problems, problem)).join("; ")}`,
  // Collaboration server
  badInternalSecret: () => "Thiếu hoặc sai khoá nội bộ.",
  unknownActor: () => "Không tìm thấy người thực hiện.",
  collabDocumentClosed: () => "Tài liệu đã đóng.",
  draftStoreFailed: (params: { reason: string }) => `Chưa lưu được bản nháp, sẽ thử lại: ${params.reason}`,
  collabAnswered: (params: { status: number }) => `Máy chủ cộng tác trả lời ${params.status}.`,
  draftNotWritable: () => "Không thể ghi bản nháp ở trạng thái này.",
  collabInternal: () => "Lỗi máy chủ cộng tác.",
  collabSecretRejected: () => "Máy chủ cộng tác từ chối khoá nội bộ (COLLAB_INTERNAL_SECRET không khớp).",
  collabUnreachable: (params: { detail: string }) => `Không kết nối được máy chủ cộng tác: ${params.detail}`,
  // Administration
  invalidRole: () => "Vai trò không hợp lệ.",
  unknownOrganization: () => "Cơ quan không tồn tại.",
  organizationSlugNotFound: (params: { slug: string }) => `Không có cơ quan “${params.slug}”.`,
  organizationExists: () => "Cơ quan này đã có.",
  emailTaken: (params: { email: string }) => `Email ${params.email} đã được dùng.`,
  userNotFound: () => "Không tìm thấy người dùng.",
  cannotDemoteSelf: () => "Không thể tự bỏ quyền quản trị của chính mình.",
  approvalsOutOfRange: (params: { min: number; max: number }) => `Số phê duyệt phải từ ${params.min} đến ${params.max}.`,
  // Documents, versions and sections
  documentNotFound: () => "Không tìm thấy tài liệu.",
  documentSlugNotFound: (params: { slug: string }) => `Không tìm thấy tài liệu “${params.slug}”.`,
  nothingPublished: () => "Tài liệu chưa có phiên bản nào được ban hành.",
  nothingPublishedToEdit: () => "Tài liệu chưa có phiên bản nào để sửa đổi.",
  versionNumberInvalid: (params: { name: string }) => `Số phiên bản ${params.name} phải là số nguyên dương.`,
  sectionNotFound: () => "Không tìm thấy mục.",
  sectionSlugNotFound: (params: { slug: string }) => `Không tìm thấy mục “${params.slug}”.`,
  sectionNotInVersion: (params: { number: number }) => `Phiên bản ${params.number} không có mục này.`,
  sectionInOtherDocument: (params: { id: string }) => `Mục ${params.id} thuộc tài liệu khác.`,
  duplicateSection: (params: { slug: string }) => `Mục trùng lặp: ${params.slug}.`,
  exportFormat: () => "Định dạng phải là “md”, “html” hoặc “pdf”.",
  chainInvalid: (params: { slug: string; failedAt: number | null; reason: string }) =>
    `Chuỗi phiên bản của “${params.slug}” không hợp lệ tại phiên bản ${params.failedAt ?? "?"} (${params.reason}).`,
  anotherVersionPublished: () => "Một phiên bản khác vừa được ban hành; hãy tải lại và thử lại.",
  headMoved: (params: { head: number | null; expected: number | null }) =>
    `Phiên bản hiện hành là ${params.head ?? "không có"}, không phải ${params.expected ?? "không có"}.`,
  publishConflicts: () => "Phiên bản hiện hành đã thay đổi và có xung đột; đề xuất được gửi lại cho người soạn thảo.",
  publishNeedsReapproval: () => "Phiên bản hiện hành đã thay đổi; bản hợp nhất cần được phê duyệt lại.",
  backupUnverifiable: (params: { slug: string; failedAt: number | null; reason: string }) =>
    `Bản sao lưu không kiểm chứng được: “${params.slug}” hỏng tại phiên bản ${params.failedAt ?? "?"} (${params.reason}).`,
  backupCorrupt: (params: { detail: string }) => `Bản sao lưu hỏng (${params.detail}).`,
  databaseBusy: () => "Cơ sở dữ liệu đang bận; chưa có gì được ghi, hãy thử lại.",
  // Import and restore
  importPasteOrUpload: () => "Hãy dán nội dung hoặc chọn tệp, không dùng cả hai.",
  fileTooLarge: (params: { limitMiB: number }) => `Tệp quá lớn: tối đa ${params.limitMiB} MiB.`,
  fileNotUtf8: () => "Tệp không phải văn bản UTF-8; hãy lưu lại với mã hóa UTF-8.",
  importEmpty: () => "Tệp không có nội dung nào để nhập; hãy dùng tiêu đề # hoặc ## cho từng mục.",
  importTooManySections: (params: { count: number; max: number }) => `Tệp có ${params.count} mục, tối đa ${params.max} mục mỗi lần nhập.`,
  importFixBelow: () => "Không thể nhập tệp; hãy sửa các lỗi sau rồi thử lại:",
  importInvalid: (params: { problems: readonly ImportProblem[] }) => `Không thể nhập tệp: ${params.problems.map((problem) => describeImportProblem(content, problem)).join("; ")}`,
  nothingToRestore: (params: { headNumber: number }) =>
    `Nội dung cần khôi phục giống hệt phiên bản hiện hành (${params.headNumber}); không có gì để khôi phục.`,
  // Proposals
  proposalNotCreated: () => "Không tạo được đề xuất; không có gì được ghi.",
  ministryRequired: () => "Bạn cần thuộc một cơ quan để đề xuất.",
  proposalNotEditable: () => "Đề xuất không còn được sửa.",
  proposalSectionNotFound: () => "Không tìm thấy mục trong đề xuất.",
  sectionTitleLength: (params: { max: number }) => `Tên mục phải có từ 1 đến ${params.max} ký tự.`,
  lastSection: () => "Tài liệu phải còn ít nhất một mục.",
  draftForbidden: () => "Bạn không có quyền mở bản nháp này.",
  userEmailNotFound: () => "Không tìm thấy người dùng với email này.",
  cannotCoauthor: () => "Người này không thể cùng soạn: khác cơ quan hoặc không phải người đóng góp.",
  commentRangeInvalid: () => "Đoạn chữ được chọn không còn trong bản nháp hoặc không hợp lệ.",
  unknownParentComment: () => "Bình luận gốc không tồn tại.",
  conflictNotFound: () => "Xung đột này không còn.",
  conflictNeedsEditor: () => "Xung đột này cần được sửa trực tiếp trong trình soạn thảo.",
  unresolvedConflicts: () => "Còn xung đột hợp nhất chưa xử lý.",
  nothingChanged: () => "Đề xuất chưa có thay đổi nào so với bản gốc.",
  unknownStatus: (params: { status: string }) => `Trạng thái không hợp lệ: ${params.status}.`,
  invalidTransition: (params: { event: string; status: string; reason: string }) =>
    `Không thể “${params.event}” khi đề xuất đang ở trạng thái ${params.status} (${params.reason}).`,
  concurrentChange: () => "Đề xuất vừa được người khác thay đổi; hãy tải lại.",
  // Reviews and publishing
  reviewDecisionRequired: () => "Hãy chọn một quyết định.",
  invalidReview: (params: { issues: readonly InputIssue[] }) => `Quyết định không hợp lệ: ${params.issues.map((issue) => describeInputIssue(zodWords, issue)).join("; ")}`,
  reviewCommentRequired: () => "Hãy ghi nhận xét khi yêu cầu chỉnh sửa hoặc từ chối.",
  selfApproval: () => "Bạn đã soạn hoặc sửa đề xuất này nên không thể phê duyệt.",
  reviewContentChanged: () => "Nội dung đã thay đổi sau khi bạn đọc; hãy xem lại bản mới nhất.",
  /** `unmet`: the unmet checklist items, joined, in each language. */
  policyNotMet: (params: { unmet: LocalizedLabel }) => `Chưa đủ điều kiện ban hành: ${params.unmet.vi}.`,
  // Webhooks (lib/services/webhooks)
  webhookUrlInvalid: (params: { problem: string }) =>
    `Địa chỉ webhook không hợp lệ (${params.problem}): cần một URL http:// hoặc https:// đầy đủ, không chứa tên và mật khẩu, tối đa 2.000 ký tự.`,
  webhookEventsRequired: () => "Hãy chọn ít nhất một sự kiện để gửi.",
  webhookSecretInvalid: () => "Khóa bí mật phải có dạng whsec_ và base64 của 24 đến 64 byte ngẫu nhiên; để trống để hệ thống tự tạo.",
  webhookDescriptionTooLong: () => "Mô tả quá dài (tối đa 500 ký tự).",
  webhookNotFound: () => "Không tìm thấy điểm nhận webhook này.",
  webhookDeliveryNotFound: () => "Không tìm thấy lần gửi webhook này.",
  consultationUnanswered: (params: { count: number }) =>
    `Chưa thể phê duyệt: còn ${params.count} ý kiến góp ý chưa được trả lời. Tác giả cần trả lời mọi ý kiến (tiếp thu, tiếp thu một phần, không tiếp thu hoặc giải trình) trước.`,
  consultationNotFound: () => "Đề xuất này không có đợt lấy ý kiến góp ý nào đang mở hoặc đã kết thúc.",
  consultationExists: () => "Đề xuất này đã được đưa ra lấy ý kiến; mỗi đề xuất chỉ có một đợt góp ý.",
  consultationNotInReview: () => "Chỉ đề xuất đang thẩm định mới được đưa ra lấy ý kiến góp ý.",
  consultationClosesBeforeOpens: () => "Ngày kết thúc phải sau ngày bắt đầu lấy ý kiến.",
  consultationOpensInPast: () => "Ngày bắt đầu lấy ý kiến không được ở trong quá khứ.",
  consultationTooShort: (params: { minDays: number }) => `Thời gian lấy ý kiến của tài liệu này tối thiểu ${params.minDays} ngày; hãy chọn ngày kết thúc muộn hơn.`,
  consultationTooLong: (params: { maxDays: number }) => `Thời gian lấy ý kiến tối đa ${params.maxDays} ngày.`,
  consultationInvalidDates: () => "Ngày bắt đầu và kết thúc phải là thời điểm hợp lệ (ISO 8601, ví dụ 2026-12-16T08:00:00+07:00).",
  consultationClosed: (params: { closedAt: string }) => `Đợt lấy ý kiến đã kết thúc lúc ${params.closedAt}; không nhận thêm góp ý.`,
  consultationNotOpenYet: (params: { opensAt: string }) => `Đợt lấy ý kiến chưa bắt đầu; góp ý được nhận từ ${params.opensAt}.`,
  consultationCommentInvalid: (params: { max: number }) => `Góp ý phải có nội dung, tối đa ${params.max} ký tự.`,
  consultationAnchorInvalid: () => "Không tìm thấy đoạn văn được góp ý trong bản dự thảo; hãy chọn lại đoạn văn.",
  consultationCommentNotFound: () => "Không tìm thấy ý kiến góp ý này.",
  consultationAnswerInvalid: (params: { max: number }) => `Trả lời cần một kết quả (tiếp thu, tiếp thu một phần, không tiếp thu, đã giải trình) và lý do, tối đa ${params.max} ký tự.`,
  consultationCommentNotPublished: () => "Ý kiến này chưa được duyệt hoặc đã bị ẩn nên chưa thể trả lời.",
  consultationHideReasonRequired: (params: { max: number }) => `Ẩn một ý kiến cần ghi lý do (tối đa ${params.max} ký tự).`,
  consultationSettingsInvalid: (params: { minDaysMin: number; minDaysMax: number; reportsMin: number; reportsMax: number }) =>
    `Thiết lập góp ý không hợp lệ: thời gian tối thiểu từ ${params.minDaysMin} đến ${params.minDaysMax} ngày, số lượt báo cáo để ẩn từ ${params.reportsMin} đến ${params.reportsMax}.`,
  consultationProposalFinal: () => "Đề xuất đã ban hành, bị từ chối hoặc đã rút; các trả lời góp ý được giữ nguyên như trong báo cáo.",
  reportFormatInvalid: () => "Định dạng báo cáo phải là html, csv hoặc pdf.",
  registrationMailDisabled: () => "Máy chủ này chưa cấu hình gửi email, nên chưa thể tự đăng ký tài khoản. Hãy liên hệ quản trị viên.",
  registrationInvalid: (params: { minPassword: number }) => `Cần họ tên, một email hợp lệ và mật khẩu ít nhất ${params.minPassword} ký tự.`,
  tooManyRegistrationRequests: () => "Có quá nhiều yêu cầu đăng ký; hãy thử lại sau.",
};
