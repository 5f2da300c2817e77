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
  /** By the code next-auth puts in `?error=` (lib/auth/sign-in.ts SIGN_IN_ERRORS, lib/auth/oidc-identity.ts). */
  signInErrors: {
    CredentialsSignin: "Email hoặc mật khẩu không đúng.",
    RateLimited: "Quá nhiều lần đăng nhập sai. Hãy đợi vài phút rồi thử lại; nếu quên mật khẩu, hãy liên hệ quản trị viên.",
    DemoDisabled: "Tài khoản mẫu bị tắt trên máy chủ chính thức.",
    OidcUnknownUser: "Tài khoản SSO này chưa được quản trị viên tạo trong hệ thống.",
    OidcNoEmail: "Nhà cung cấp SSO không gửi địa chỉ email.",
    OidcEmailNotVerified: "Nhà cung cấp SSO chưa xác minh địa chỉ email này. Hãy xác minh email ở đó rồi đăng nhập lại.",
    OidcIdentityConflict: "Tài khoản này đã được liên kết với một danh tính SSO khác. Hãy liên hệ quản trị viên.",
  },
};
