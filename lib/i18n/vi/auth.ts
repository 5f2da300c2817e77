export const auth = {
  title: "Đăng nhập",
  email: "Email",
  password: "Mật khẩu",
  submit: "Đăng nhập",
  submitting: "Đang đăng nhập…",
  sso: "Đăng nhập một lần (SSO)",
  demoTitle: "Tài khoản dùng thử",
  demoHint: "Mọi tài khoản mẫu dùng chung mật khẩu",
  signedInAs: "Đang đăng nhập với tên",
};
