/**
 * Words of official publication: effective dates (hiệu lực), the text in force on a day, what each
 * version did to which sections, editions, and how to cite a version. Dates arrive already
 * formatted for the reader (formatCalendarDate).
 */
export const publication = {
  // Publishing
  effectiveFromLabel: "Có hiệu lực từ ngày",
  effectiveFromHint: (params: { earliest: string }) =>
    `Để mặc định là có hiệu lực từ ${params.earliest}; chọn một ngày sau đó để phiên bản sắp có hiệu lực và tự thay thế văn bản hiện hành vào ngày ấy.`,
  publishedVersion: (params: { number: number; effectiveFrom: string }) => `Đã ban hành phiên bản ${params.number}, có hiệu lực từ ngày ${params.effectiveFrom}.`,
  // Status
  status: {
    in_force: "Đang có hiệu lực",
    prospective: "Sắp có hiệu lực",
    superseded: "Đã được thay thế",
    withdrawn: "Đã rút",
  },
  published: "Ban hành",
  effectiveFrom: "Hiệu lực từ",
  effectiveUntil: "Được thay thế ngày",
  stillInForce: "—",
  // Banners
  inForceSentence: (params: { effectiveFrom: string }) => `Văn bản có hiệu lực ngày ${params.effectiveFrom}`,
  supersededSentence: (params: { supersededOn: string }) => `đã được thay thế ngày ${params.supersededOn}`,
  willBeSupersededSentence: (params: { supersededOn: string }) => `sẽ được thay thế ngày ${params.supersededOn}`,
  stillInForceSentence: "hiện vẫn đang có hiệu lực",
  asOfLead: (params: { date: string; number: number }) => `Bạn đang xem văn bản có hiệu lực vào ngày ${params.date}: phiên bản ${params.number}.`,
  versionLead: (params: { number: number; published: string }) => `Bạn đang xem phiên bản ${params.number}, ban hành ${params.published}.`,
  prospectiveLead: (params: { effectiveFrom: string }) => `Phiên bản này chưa có hiệu lực: sẽ có hiệu lực từ ngày ${params.effectiveFrom}.`,
  withdrawnLead: "Phiên bản này đã được rút và không bao giờ có hiệu lực.",
  inForceNow: (params: { number: number }) => `Đây không phải phiên bản hiện hành: văn bản đang có hiệu lực là phiên bản ${params.number}.`,
  seeInForce: "Xem văn bản đang có hiệu lực",
  compareWithPrevious: "So sánh với phiên bản trước",
  upcoming: (params: { number: number; effectiveFrom: string }) => `Sắp có hiệu lực: phiên bản ${params.number} sẽ thay thế văn bản này từ ngày ${params.effectiveFrom}.`,
  upcomingDiff: "Xem thay đổi so với văn bản đang có hiệu lực",
  upcomingRead: (params: { number: number }) => `Đọc phiên bản ${params.number}`,
  // Picking a day
  pickDateLabel: "Xem văn bản có hiệu lực vào ngày",
  pickDateButton: "Xem",
  asOfTitle: (params: { title: string; date: string }) => `${params.title} — có hiệu lực ngày ${params.date}`,
  pdfAsOf: (params: { date: string }) => `PDF của văn bản có hiệu lực ngày ${params.date}`,
  // Timeline
  timelineHeading: "Dòng thời gian hiệu lực",
  timelineIntro: "Ngày ban hành và ngày có hiệu lực của từng phiên bản, đặt cạnh nhau.",
  timelineVersion: "Phiên bản",
  timelineStatus: "Tình trạng",
  versionLink: (params: { number: number }) => `Phiên bản ${params.number}`,
  // Effects
  effectsHeading: "Tác động của phiên bản này",
  effectsIntro: "Phiên bản này đã làm gì với từng mục, theo đề xuất nào và căn cứ pháp lý nào.",
  effectsNone: "Phiên bản này không thay đổi mục nào.",
  effectsFirst: "Phiên bản đầu tiên: mọi mục được ban hành lần đầu.",
  effectKind: {
    added: "Bổ sung",
    replaced: "Thay thế toàn bộ",
    amended: "Sửa đổi",
    moved: "Chuyển vị trí",
    removed: "Bãi bỏ",
  },
  effectSection: "Mục",
  effectWhat: "Tác động",
  effectProposal: "Đề xuất",
  effectLegalBasis: "Căn cứ pháp lý",
  effectRenamed: (params: { from: string }) => `đổi tên từ “${params.from}”`,
  effectWords: (params: { added: number; removed: number }) => `+${params.added} / −${params.removed} từ`,
  noLegalBasis: "không nêu",
  noProposal: "ban hành trực tiếp",
  sectionEffectsHeading: "Các lần mục này được sửa đổi",
  sectionEffectsNone: "Mục này chưa được sửa đổi kể từ khi ban hành.",
  sectionEffectLine: (params: { number: number; effectiveFrom: string }) => `Phiên bản ${params.number}, hiệu lực từ ${params.effectiveFrom}`,
  // Editions
  editionsHeading: "Ấn bản",
  editionsIntro: "Những phiên bản được đặt tên để trích dẫn lâu dài, mỗi ấn bản có một địa chỉ không đổi.",
  editionsNone: "Chưa có ấn bản nào.",
  editionOf: (params: { number: number; effectiveFrom: string }) => `Phiên bản ${params.number} · hiệu lực từ ${params.effectiveFrom}`,
  editionBanner: (params: { name: string; number: number }) => `Ấn bản “${params.name}”: phiên bản ${params.number}.`,
  editionCreateHeading: "Đặt tên một phiên bản làm ấn bản",
  editionName: "Tên ấn bản",
  editionNamePlaceholder: "Ấn bản 2027",
  editionNote: "Ghi chú ngắn",
  editionVersion: "Phiên bản",
  editionCreate: "Tạo ấn bản",
  editionCreated: (params: { name: string }) => `Đã tạo ấn bản “${params.name}”.`,
  editionAddress: "Địa chỉ cố định",
  // Withdrawal
  withdrawnOnSentence: (params: { date: string }) => `Phiên bản này đã được rút từ ngày ${params.date}`,
  willBeWithdrawnSentence: (params: { date: string }) => `Phiên bản này sẽ được rút từ ngày ${params.date}`,
  withdrawnFromLead: (params: { date: string }) =>
    `Phiên bản này đã được rút từ ngày ${params.date}; từ ngày đó nó không còn là văn bản có hiệu lực.`,
  withdrawalReason: (params: { reason: string }) => `Lý do: ${params.reason}`,
  withdrawnLaterNotice: (params: { number: number; date: string; reason: string }) =>
    `Phiên bản ${params.number} đã được rút từ ngày ${params.date} (lý do: ${params.reason}), nên văn bản này có hiệu lực trở lại.`,
  willBeWithdrawnClause: (params: { date: string }) => `sẽ được rút từ ngày ${params.date}`,
  feedWithdrawnTitle: (params: { number: number }) => `Phiên bản ${params.number} đã được rút`,
  timelineWithdrawn: "Rút từ",
  timelineEvents: "Sự kiện đã ghi",
  eventLine: (params: { number: number; date: string; reason: string }) => `Phiên bản ${params.number} được rút từ ngày ${params.date}. Lý do: ${params.reason}`,
  // Administration of publication
  adminLink: "Ấn bản và rút phiên bản",
  adminTitle: (params: { title: string }) => `Công bố: ${params.title}`,
  adminIntro: "Đặt tên một phiên bản làm ấn bản, hoặc rút một phiên bản. Cả hai đều được ghi thêm vào nhật ký, không bao giờ sửa phiên bản đã ban hành.",
  withdrawHeading: "Rút một phiên bản",
  withdrawIntro:
    "Việc rút được ghi thành một sự kiện mới kèm lý do. Trước ngày rút, văn bản có hiệu lực vẫn như cũ; từ ngày rút, phiên bản bị bỏ qua và văn bản có hiệu lực là phiên bản còn hiệu lực trước nó.",
  withdrawVersion: "Phiên bản cần rút",
  withdrawReasonLabel: "Lý do (bắt buộc, được công bố)",
  withdrawDateLabel: "Rút từ ngày",
  withdrawDateHint: (params: { today: string }) => `Để trống là rút từ hôm nay (${params.today}); không chọn được ngày đã qua.`,
  withdrawButton: "Rút phiên bản",
  withdrawnDone: (params: { number: number; date: string }) => `Đã rút phiên bản ${params.number} từ ngày ${params.date}.`,
  editionSlugLabel: "Địa chỉ (tùy chọn)",
  editionSlugHint: "Chữ thường không dấu, số và dấu gạch nối; để trống thì lấy từ tên.",
  editionNoteHint: (params: { max: number }) => `Tối đa ${params.max} ký tự.`,
  versionOption: (params: { number: number; effectiveFrom: string; status: string }) => `Phiên bản ${params.number} · hiệu lực từ ${params.effectiveFrom} · ${params.status}`,
  editionReadingIntro: "Địa chỉ này luôn dẫn tới đúng phiên bản được đặt tên, kể cả khi đã có phiên bản mới hơn.",
  identifierEdition: "Ấn bản",
  citationEditionText: (params: { title: string; edition: string; number: number; effectiveFrom: string; uri: string }) =>
    `${params.title}, ${params.edition} (phiên bản ${params.number}, có hiệu lực từ ngày ${params.effectiveFrom}). ${params.uri}`,
  // Effects per section
  sectionEffectsIntro: "Mỗi phiên bản đã làm gì với mục này, theo đề xuất nào và căn cứ pháp lý nào.",
  sectionEffectsJson: "Dạng JSON",
  // Citation
  citationHeading: "Trích dẫn",
  citationIntro: "Sao chép đoạn trích dẫn hoặc định danh dưới đây để dẫn chiếu đúng phiên bản này.",
  citationText: (params: { title: string; number: number; published: string; effectiveFrom: string; uri: string }) =>
    `${params.title}, phiên bản ${params.number}, ban hành ngày ${params.published}, có hiệu lực từ ngày ${params.effectiveFrom}. ${params.uri}`,
  citationCopy: "Sao chép",
  citationCopied: "Đã sao chép",
  identifiersHeading: "Định danh",
  identifierWork: "Tài liệu",
  identifierVersion: "Phiên bản",
  identifierLanguage: "Bản tiếng Việt",
  identifierDate: "Theo ngày có hiệu lực",
  // Feeds
  feedDates: (params: { published: string; effectiveFrom: string }) => `Ban hành ${params.published} · có hiệu lực từ ${params.effectiveFrom}`,
};
