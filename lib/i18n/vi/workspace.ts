export const workspace = {
  title: "Không gian làm việc",
  you: "Tài khoản của bạn",
  role: "Vai trò",
  organization: "Cơ quan",
  noOrganization: "Không thuộc cơ quan nào",
  abilities: "Bạn có thể",
  apiTokens: "Khóa API cá nhân",
  apiTokenName: "Tên khóa",
  createToken: "Tạo khóa",
  tokenCreated: "Khóa mới — chỉ hiển thị một lần, hãy lưu lại ngay:",
  revoke: "Thu hồi",
  noTokens: "Chưa có khóa nào.",
};
