import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { messages } from "@/lib/i18n/messages";
import { DEMO, signInByApi } from "./fixtures/session";

/**
 * The admin's webhook page in Chromium, with the product as `npm start` runs it (the worker in the
 * collaboration server's process) and a real receiver on loopback: an endpoint to 127.0.0.1 is
 * refused until the admin allows private targets; then "send again" delivers the same message,
 * signed so that the Standard Webhooks reference implementation verifies it with the secret the
 * page showed once.
 */
const DOC = "cam-nang-chuyen-doi-so";
const w = messages("vi").webhooks;

async function submitProposal(page: Page, origin: string, title: string): Promise<string> {
  await signInByApi(page, DEMO.lan);
  const created = (await (await page.request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title, rationale: "Thử webhook." }, headers: { origin } })).json()) as { id: string };
  const view = (await (await page.request.get(`/api/v1/proposals/${created.id}`)).json()) as { sections: { id: string; content: { type: string; content: unknown[] } }[] };
  const section = view.sections[0]!;
  const content = { ...section.content, content: [...section.content.content, { type: "paragraph", content: [{ type: "text", text: "Đoạn thêm để thử webhook." }] }] };
  expect((await page.request.put(`/api/v1/proposals/${created.id}/sections/${section.id}`, { data: { content }, headers: { origin } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/proposals/${created.id}/submit`, { headers: { origin } })).status()).toBe(200);
  return created.id;
}

test("an admin registers a webhook, sees 127.0.0.1 refused, allows it and replays a signed delivery", async ({ browser, baseURL }) => {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)])), body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200).end("cảm ơn");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/camnang`;
    const admin = await browser.newPage();
    await admin.goto("/");
    await signInByApi(admin, DEMO.admin);
    await admin.goto("/quan-tri/webhook");
    await admin.getByLabel(w.url).fill(url);
    await admin.getByLabel(w.description).fill("Hệ thống văn bản của Bộ");
    await admin.getByLabel(/proposal\.submitted/).check();
    await admin.getByRole("button", { name: w.create, exact: true }).click();
    const secret = (await admin.getByTestId("new-webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);

    const author = await browser.newPage();
    await author.goto("/");
    const proposalId = await submitProposal(author, new URL(baseURL!).origin, `Webhook ${Date.now()}`);
    await author.close();

    const endpoint = admin.getByTestId("webhook-endpoint").filter({ hasText: url });
    await expect(async () => {
      await admin.reload();
      await expect(endpoint.getByTestId("webhook-delivery").first()).toContainText(w.statusNames.FAILED!, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // The refusal in the reader's words, the refused address beside it as code.
    const failure = endpoint.getByTestId("webhook-delivery").first().getByTestId("webhook-failure").first();
    await expect(failure).toContainText(w.failures.refusedAddress);
    await expect(failure.locator("code")).toHaveText("127.0.0.1");
    expect(received).toHaveLength(0);

    await endpoint.getByLabel(w.allowPrivate).check();
    await endpoint.getByRole("button", { name: w.save }).click();
    await expect(admin.getByRole("status")).toHaveText(w.endpointSaved);
    await endpoint.getByRole("button", { name: w.replay }).click();
    await expect(admin.getByRole("status")).toHaveText(w.replayQueued);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    const payload = new Webhook(secret).verify(received[0]!.body, received[0]!.headers) as { type: string; data: { proposal: { id: string } } };
    expect(payload.type).toBe("proposal.submitted");
    expect(payload.data.proposal.id).toBe(proposalId);

    await expect(async () => {
      await admin.reload();
      await expect(endpoint.getByTestId("webhook-delivery").first()).toContainText(w.statusNames.DELIVERED!, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // Later tests publish and submit: this endpoint stops here.
    await endpoint.getByLabel(w.active).uncheck();
    await endpoint.getByRole("button", { name: w.save }).click();
    await expect(admin.getByRole("status")).toHaveText(w.endpointSaved);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
