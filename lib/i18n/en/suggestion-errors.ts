import type { suggestionErrors as vi } from "../vi/suggestion-errors";

export const suggestionErrors: typeof vi = {
  suggestionInvalid: (params) => `Invalid suggested change (${params.problem}).`,
  suggestionTextNotFound: () => "The suggested text is not in the current draft; someone may just have changed it. Select it again.",
  suggestionBlockNotFound: () => "The block the suggestion is about is no longer in the draft.",
  suggestionNotFound: () => "This suggested change was not found.",
  suggestionAlreadyDecided: () => "This suggested change was already accepted or rejected.",
  suggestionOutdated: () => "The text this suggestion is about has changed; it no longer applies. Reject it.",
  suggestionsPending: (params) => `${params.count} suggested change(s) are neither accepted nor rejected yet; the proposal cannot be approved.`,
  tooManySuggestions: (params) => `You already have ${params.limit} pending suggested changes on this proposal.`,
};
