import type { Messages } from "../vi";
import { plural } from "../plural";

export const site: Messages["site"] = {
  name: "Open Handbook",
  tagline: "Digital Transformation Handbook — an open document, always revised, updated and extended",
  skipToContent: "Skip to main content",
  mainNav: "Main navigation",
  home: "Home",
  workspace: "Workspace",
  admin: "Administration",
  signIn: "Sign in",
  signOut: "Sign out",
  notifications: "Notifications",
  unreadNotifications: (params: { count: number }) => plural("en", params.count, { one: "# unread notification", other: "# unread notifications" }),
  language: "Language",
  switchTo: "Tiếng Việt",
  footer: "Open Handbook — every version is kept, comparable and verifiable.",
  openData: "Open data (every version, .zip)",
};
