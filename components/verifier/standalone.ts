import { formatVerifierKey, verifyVersionFiles, type VersionFilesVerification } from "@/lib/domain/tlog";
import { formatDateTime } from "@/lib/i18n/format";
import { isLocale, LOCALES, type Locale } from "@/lib/i18n/locales";
import { isVerifierReason, VERIFIER_MESSAGES, type VerifierMessages } from "@/lib/i18n/verifier-messages";
import { followLog, type FollowOutcome } from "./follow-log";

/**
 * The /kiem-chung page's script, bundled with everything it needs (lib/domain/tlog, @noble's
 * Ed25519 and SHA-256, both languages' words) into one inline script of the page, so that the
 * page saved to disk works from file:// with no server. Offline, it verifies a version from its
 * three files; online, it follows the log from the checkpoint this browser kept. Every text it
 * shows is set with textContent: nothing it reads becomes markup.
 */

interface PageData {
  /** The policy the site published when the page was served (the reader may replace it). */
  policy: string;
  /** The site's address, for checking online from a saved copy. */
  site: string;
  locale: string;
}

type Child = Node | string | null | false;

function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== false) element.append(child);
  return element;
}

const data: PageData = JSON.parse(document.getElementById("kiem-chung-data")?.textContent ?? "{}") as PageData;
const state: {
  locale: Locale;
  content: string;
  proof: string;
  policy: string;
  offline: VersionFilesVerification | null;
  online: FollowOutcome | null;
  checking: boolean;
} = { locale: isLocale(data.locale) ? data.locale : "vi", content: "", proof: "", policy: data.policy ?? "", offline: null, online: null, checking: false };

const servedOnline = location.protocol === "http:" || location.protocol === "https:";

function words(): VerifierMessages {
  return VERIFIER_MESSAGES[state.locale];
}

function reasonText(reason: string): string {
  return isVerifierReason(reason) ? words().reasons[reason] : reason;
}

function fileField(id: "content" | "proof" | "policy", label: string, hint: string | null): HTMLElement {
  const area = h("textarea", { id: `${id}-text`, "aria-label": label, rows: id === "content" ? "6" : "5", spellcheck: "false" }) as HTMLTextAreaElement;
  area.value = state[id];
  area.addEventListener("input", () => {
    state[id] = area.value;
  });
  const input = h("input", { type: "file", id: `${id}-file`, "aria-label": label }) as HTMLInputElement;
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      state[id] = text;
      area.value = text;
    });
  });
  return h("div", { class: "field" }, h("label", { for: `${id}-file` }, label), input, area, hint ? h("p", { class: "meta" }, hint) : null);
}

function row(label: string, ...value: Child[]): HTMLElement {
  return h("div", { class: "row" }, h("dt", {}, label), h("dd", {}, ...value));
}

function offlineResult(result: VersionFilesVerification): HTMLElement {
  const t = words();
  if (!result.ok) {
    return h("div", { class: "result result--bad", role: "alert", "data-testid": "offline-result" }, h("h3", {}, t.notVerified), h("p", {}, reasonText(result.reason)), h("p", { class: "meta mono" }, result.message));
  }
  const { statement } = result;
  const approvals = statement.approvals.map((approval) =>
    h("li", {}, `${approval.reviewer.name} — `, approval.signing === "ed25519" ? h("code", {}, approval.keyFingerprint) : t.legacyApproval),
  );
  const witnesses = result.cosignatures.map((item) => h("li", {}, t.cosignedAt({ witness: item.witness, time: formatDateTime(new Date(item.timestamp * 1000), state.locale) })));
  return h(
    "div",
    { class: "result result--good", role: "status", "data-testid": "offline-result" },
    h("h3", {}, `✓ ${t.verified}`),
    h("p", {}, `${t.versionOf({ document: statement.document, version: statement.version })} — ${t.entryOf({ index: result.leafIndex, size: result.checkpoint.size, origin: result.checkpoint.origin })}`),
    h(
      "dl",
      {},
      row(t.signer, h("code", { "data-testid": "log-key" }, formatVerifierKey(result.log.key))),
      row(t.publisher, statement.publisher.name),
      row(t.publishedAt, formatDateTime(new Date(statement.publishedAt), state.locale)),
      row(t.approvers, approvals.length > 0 ? h("ul", { "data-testid": "approvers" }, ...approvals) : t.none),
      row(t.witnesses, witnesses.length > 0 ? h("ul", { "data-testid": "witnesses" }, ...witnesses) : t.noWitnesses),
      row(t.statementHash, h("code", {}, result.statementHash)),
    ),
  );
}

function onlineResult(outcome: FollowOutcome): HTMLElement {
  const t = words();
  if (outcome.ok) {
    const text = outcome.keptSize === null ? t.onlineFirst({ size: outcome.checkpoint.size }) : t.onlineConsistent({ from: outcome.keptSize, to: outcome.checkpoint.size });
    return h("div", { class: "result result--good", role: "status", "data-testid": "online-result" }, h("p", {}, `✓ ${text}`));
  }
  if (outcome.security) {
    return h(
      "div",
      { class: "result result--alarm", role: "alert", "data-testid": "online-result" },
      h("h3", {}, `⚠ ${t.rewriteDetected}`),
      h("p", {}, t.rewriteExplain),
      h("h4", {}, t.keptCheckpoint),
      h("pre", { "data-testid": "kept-checkpoint" }, outcome.keptNote),
      h("h4", {}, t.receivedCheckpoint),
      h("pre", { "data-testid": "received-checkpoint" }, outcome.receivedNote),
      h("details", {}, h("summary", {}, t.technical), h("pre", {}, outcome.message)),
    );
  }
  return h("div", { class: "result result--bad", role: "alert", "data-testid": "online-result" }, h("h3", {}, t.onlineRejected), h("p", {}, reasonText(outcome.reason)), h("p", { class: "meta mono" }, outcome.message));
}

async function checkOnline(): Promise<void> {
  state.checking = true;
  render();
  const base = servedOnline ? location.origin : data.site;
  let store: Storage | null = null;
  try {
    store = window.localStorage;
  } catch {
    store = null;
  }
  state.online = await followLog({ base, policy: state.policy, store });
  state.checking = false;
  render();
}

function render(): void {
  const t = words();
  document.documentElement.lang = state.locale;
  document.title = t.pageTitle;
  const other: Locale = LOCALES.find((locale) => locale !== state.locale) ?? state.locale;
  const switcher = h("button", { type: "button", class: "link", lang: other }, t.switchLanguage);
  switcher.addEventListener("click", () => {
    state.locale = other;
    render();
  });
  const verifyButton = h("button", { type: "button", class: "button" }, t.verify);
  verifyButton.addEventListener("click", () => {
    state.offline = verifyVersionFiles({ content: state.content, proof: state.proof, policy: state.policy });
    render();
  });
  const onlineButton = h("button", { type: "button", class: "button" }, t.checkOnline) as HTMLButtonElement;
  onlineButton.disabled = state.checking;
  onlineButton.addEventListener("click", () => void checkOnline());
  const root = h(
    "main",
    {},
    h("header", {}, h("h1", {}, t.heading), switcher),
    h("p", {}, t.intro),
    h(
      "section",
      { "aria-labelledby": "offline-heading" },
      h("h2", { id: "offline-heading" }, t.offlineHeading),
      h("p", { class: "meta" }, t.offlineHint),
      fileField("content", t.contentLabel, null),
      fileField("proof", t.proofLabel, null),
      fileField("policy", t.policyLabel, data.policy ? t.policyPrefilled : null),
      verifyButton,
      state.offline && offlineResult(state.offline),
    ),
    h(
      "section",
      { "aria-labelledby": "online-heading" },
      h("h2", { id: "online-heading" }, t.onlineHeading),
      h("p", { class: "meta" }, t.onlineHint),
      !servedOnline && h("p", { class: "meta" }, t.openedFromFile),
      onlineButton,
      state.online && onlineResult(state.online),
    ),
  );
  const app = document.getElementById("app");
  app?.replaceChildren(root);
}

render();
if (servedOnline) void checkOnline();
