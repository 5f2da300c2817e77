import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it, onTestFinished } from "vitest";
import { COLLAB_TOKEN_AUDIENCE, COLLAB_TOKEN_ISSUER, mintCollabToken } from "../auth/collab-token";
import {
  DEMO,
  TEST_TOKEN_SECRET,
  createDraft,
  isSyncedAndAcknowledged,
  serverHandledEarlierMessages,
  startServer,
  openClient,
  sectionText,
  tokenFor,
  typeText,
  userId,
  waitFor,
  type TestClient,
} from "./test-helpers";
import { createLogger } from "./logger";
import { useLiveServer } from "./test-support";

const live = useLiveServer();
const { track } = live;

describe("who may join a section's live draft", () => {
  it("lets two authors edit one section and converge on the same text", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const lan = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    const hoa = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name)));
    await waitFor(() => lan.provider.isSynced && hoa.provider.isSynced, "both clients synced");
    const initial = sectionText(lan.doc);
    expect(initial.length).toBeGreaterThan(0);
    expect(sectionText(hoa.doc)).toBe(initial);

    typeText(lan.doc, " [Lan]");
    typeText(hoa.doc, " [Hòa]");
    await waitFor(() => sectionText(lan.doc) === sectionText(hoa.doc) && sectionText(lan.doc).includes("[Hòa]") && sectionText(lan.doc).includes("[Lan]"), "convergence");
    expect(lan.provider.authorizedScope).toBe("read-write");
  });

  async function refusedWith(name: string, token: string): Promise<TestClient> {
    const client = track(openClient(live.server.wsUrl, name, token));
    await waitFor(() => client.authFailures.length > 0, "authentication failure");
    // Nothing of the document reached the client.
    expect(client.doc.getXmlFragment("default").length).toBe(0);
    expect(client.provider.isSynced).toBe(false);
    return client;
  }

  it("refuses a token signed with another key", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const { token } = await mintCollabToken({ userId: await userId(live.database.db, DEMO.lan), documentName: name }, { secret: "x".repeat(48) });
    const client = await refusedWith(name, token);
    expect(client.authFailures[0]).toBe("invalid-token");
  });

  it("refuses an expired token", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const { token } = await mintCollabToken(
      { userId: await userId(live.database.db, DEMO.lan), documentName: name },
      { secret: TEST_TOKEN_SECRET, now: new Date(Date.now() - 60 * 60 * 1000) },
    );
    expect((await refusedWith(name, token)).authFailures[0]).toBe("token-expired");
  });

  it("refuses a token for another audience, such as a session token", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const token = await new SignJWT({ doc: name })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(await userId(live.database.db, DEMO.lan))
      .setAudience("camnang-session")
      .setIssuer(COLLAB_TOKEN_ISSUER)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(TEST_TOKEN_SECRET));
    expect((await refusedWith(name, token)).authFailures[0]).toBe("invalid-token");
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    const token = new UnsecuredJWT({ doc: name })
      .setSubject(await userId(live.database.db, DEMO.lan))
      .setAudience(COLLAB_TOKEN_AUDIENCE)
      .setIssuer(COLLAB_TOKEN_ISSUER)
      .setExpirationTime("5m")
      .encode();
    expect((await refusedWith(name, token)).authFailures[0]).toBe("invalid-token");
  });

  it("refuses a token minted for another section", async () => {
    const draft = await createDraft(live.database.db);
    const token = await tokenFor(live.database.db, DEMO.lan, draft.documentName(1));
    expect((await refusedWith(draft.documentName(0), token)).authFailures[0]).toBe("wrong-document");
  });

  it("refuses a reader and a contributor of another ministry", async () => {
    const name = (await createDraft(live.database.db)).documentName();
    expect((await refusedWith(name, await tokenFor(live.database.db, DEMO.reader, name))).authFailures[0]).toBe("forbidden");
    expect((await refusedWith(name, await tokenFor(live.database.db, DEMO.tuan, name))).authFailures[0]).toBe("forbidden");
  });

  it("refuses a name that is not a proposal section", async () => {
    const token = await tokenFor(live.database.db, DEMO.lan, "proposal:nope:section:none");
    expect((await refusedWith("proposal:nope:section:none", token)).authFailures[0]).toBe("not-found");
  });

  it("lets a reviewer watch read-only: their edits are dropped, never logged and never stored", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const reviewer = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.minh, name)));
    const author = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    await waitFor(() => reviewer.provider.isSynced && author.provider.isSynced, "both synced");
    expect(reviewer.provider.authorizedScope).toBe("readonly");

    typeText(reviewer.doc, " REVIEWER-WAS-HERE");
    typeText(author.doc, " AUTHOR-WAS-HERE");
    await waitFor(() => sectionText(reviewer.doc).includes("AUTHOR-WAS-HERE"), "reviewer sees the author");
    await waitFor(() => isSyncedAndAcknowledged(author), "author acknowledged");
    await serverHandledEarlierMessages(reviewer, author);
    expect(sectionText(author.doc)).not.toContain("REVIEWER-WAS-HERE");

    author.destroy();
    reviewer.destroy();
    const minhId = await userId(live.database.db, DEMO.minh);
    await waitFor(async () => {
      const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
      return row.content.includes("AUTHOR-WAS-HERE");
    }, "author's edit stored");
    const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(row.content).not.toContain("REVIEWER-WAS-HERE");
    expect(await live.database.db.collabUpdate.count({ where: { userId: minhId } })).toBe(0);
    expect(await live.database.db.proposalEdit.count({ where: { proposalId: draft.proposalId, userId: minhId } })).toBe(0);
  });

  it("joins an author read-only when the token was minted read-only (a read-scope API token)", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const { token } = await mintCollabToken({ userId: await userId(live.database.db, DEMO.lan), documentName: name, readOnly: true }, { secret: TEST_TOKEN_SECRET });
    const watcher = track(openClient(live.server.wsUrl, name, token));
    await waitFor(() => watcher.provider.isSynced, "synced");
    expect(watcher.provider.authorizedScope).toBe("readonly");
    const writer = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    await waitFor(() => writer.provider.isSynced, "synced");
    expect(writer.provider.authorizedScope).toBe("read-write");
  });

  it("decides again when a provider renews its token: a removed co-author drops to read-only, another user's token closes the connection", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const renewals: string[] = [];
    const server = await startServer(live.database.db, {
      logger: createLogger("info", (line) => {
        const entry = JSON.parse(line) as { event: string; access?: string };
        if (entry.event === "connection.token_renewed") renewals.push(entry.access ?? "");
      }),
    });
    onTestFinished(() => server.stop());
    let hoaEmail: string = DEMO.hoa;
    const lan = track(openClient(server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    const hoa = track(openClient(server.wsUrl, name, async () => tokenFor(live.database.db, hoaEmail, name)));
    await waitFor(() => lan.provider.isSynced && hoa.provider.isSynced, "both synced");

    await live.database.db.proposalAuthor.delete({ where: { proposalId_userId: { proposalId: draft.proposalId, userId: await userId(live.database.db, DEMO.hoa) } } });
    await hoa.provider.sendToken();
    await waitFor(() => renewals.includes("read"), "Hòa's renewed token decided read-only");
    typeText(hoa.doc, " SAU-KHI-BI-GO-QUYEN");
    typeText(lan.doc, " LAN-VAN-VIET");
    await waitFor(() => sectionText(hoa.doc).includes("LAN-VAN-VIET"), "Hòa still receives Lan's edits");
    await serverHandledEarlierMessages(hoa, lan);
    expect(sectionText(lan.doc)).not.toContain("SAU-KHI-BI-GO-QUYEN");
    expect(hoa.provider.unsyncedChanges).toBeGreaterThan(0);

    hoaEmail = DEMO.lan;
    await hoa.provider.sendToken();
    await waitFor(() => hoa.closeReasons.includes("invalid-token"), "connection closed for a token of someone else");
  });
});
