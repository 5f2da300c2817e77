/** Words of the transparency log as readers meet it: the proof file offered with every version. */
export const log = {
  proofFile: "Tệp bằng chứng (.tlog-proof)",
  proofFileHint: "Bằng chứng rằng phiên bản này có trong nhật ký minh bạch đã ký; kiểm chứng không cần mạng bằng lệnh “npx handbook verify --offline”.",
};
