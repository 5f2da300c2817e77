import type { Messages } from "../vi";

export const errorPage: Messages["errorPage"] = {
  title: "Something went wrong",
  explanation: "The page could not be loaded. Nothing was lost; please try again shortly.",
  retry: "Try again",
};
