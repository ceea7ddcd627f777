import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { humInProcess } from "../../test/support/hum-in-process.ts";
import { reviewFixture } from "../../test/support/review-fixture.ts";
import { openReview, serveReview } from "./index.ts";

async function store() {
  const fixture = reviewFixture();
  return openReview({ items: [fixture.subjects] }, { reviewer: "grace" });
}

/** A raw request, so tests can send the headers a browser would not. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

test("a non-loopback address is refused without a token", async () => {
  await assert.rejects(
    serveReview(await store(), { host: "0.0.0.0" }),
    /refusing to serve on 0\.0\.0\.0 without a token/,
  );
});

test("loopback serves the page and state on a free port, and only to loopback Host names", async (t) => {
  const running = await serveReview(await store());
  t.after(() => running.close());
  assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await send(running.url, {});
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>Hum review<\/title>/);
  assert.doesNotMatch(page.body, /\/\* (STYLE|SCRIPT) \*\//, "stylesheet and script are inlined");
  const state = JSON.parse((await send(`${running.url}api/state`, {})).body);
  assert.equal(state.items.length, 3);
  const rebound = await send(`${running.url}api/state`, { headers: { host: "attacker.example:80" } });
  assert.equal(rebound.status, 403, "a page from another site reaching us through DNS rebinding is refused");
});

test("decisions must be JSON; bad ones answer 400 with the reason", async (t) => {
  const running = await serveReview(await store());
  t.after(() => running.close());
  const url = `${running.url}api/decision`;
  const form = await send(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
  assert.equal(form.status, 415);
  const json = { "content-type": "application/json" };
  const bad = await send(url, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ id: "0:nope", decision: "accepted" }),
  });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).error, /no item "nope"/);
  const good = await send(url, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ id: "0:subj-1", decision: "accepted" }),
  });
  assert.equal(good.status, 200);
  assert.equal(JSON.parse(good.body).item.review.by, "grace");
});

test("with a token, every request must carry it", async (t) => {
  const running = await serveReview(await store(), { token: "s3cret-token" });
  t.after(() => running.close());
  const base = running.url.replace(/\/\?token=.*$/, "");
  assert.equal((await send(`${base}/`, {})).status, 403);
  assert.equal((await send(`${base}/?token=wrong`, {})).status, 403);
  assert.equal((await send(running.url, {})).status, 200);
  assert.equal((await send(`${base}/api/state`, { headers: { "x-hum-token": "s3cret-token" } })).status, 200);
});

test("hum review refuses a network address without a token before reading anything", async () => {
  await assert.rejects(
    humInProcess("review", "--items", "no-such-file.jsonl", "--host", "0.0.0.0"),
    /refusing to serve on 0\.0\.0\.0 without a token/,
  );
});
