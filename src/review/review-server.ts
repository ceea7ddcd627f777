import { timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pageStylesheet } from "../report/index.ts";
import { EditError } from "./review-document.ts";
import type { DecisionRequest } from "./review-item.ts";
import { ConflictError, type ReviewStore } from "./review-store.ts";

export interface ServeOptions {
  /** Loopback by default; any other address needs a token. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Required of every request when set; required to be set when the host is not loopback. */
  token?: string;
}

export interface RunningReview {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_BODY = 1 << 20;

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Serve the review page for a store. A loopback server needs no login: only this machine reaches it,
 * and the Host check keeps other web pages out (DNS rebinding). Binding elsewhere exposes files to a
 * network, so it is refused unless a token guards every request.
 */
export async function serveReview(store: ReviewStore, options: ServeOptions = {}): Promise<RunningReview> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && !options.token)
    throw new Error(
      `refusing to serve on ${host} without a token: give --token, or keep the default loopback`,
    );
  const page = reviewPage();
  const server = createServer((request, response) => {
    handle(store, page, request, response, options.token, isLoopback(host)).catch((error: Error) =>
      send(response, 500, { error: error.message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  const query = options.token ? `/?token=${encodeURIComponent(options.token)}` : "/";
  return {
    url: `http://${shown}:${port}${query}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  store: ReviewStore,
  page: string,
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
  loopback: boolean,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://review.invalid");
  if (loopback && !loopbackHost(request.headers.host))
    return send(response, 403, { error: "bad Host header" });
  const given = url.searchParams.get("token") ?? header(request, "x-hum-token");
  if (token && !sameToken(given, token)) return send(response, 403, { error: "a valid token is required" });
  if (request.method === "GET" && url.pathname === "/") return sendPage(response, page);
  if (request.method === "GET" && url.pathname === "/api/state")
    return send(response, 200, { reviewer: store.reviewer, items: store.items() });
  if (request.method === "POST" && url.pathname === "/api/decision") {
    // A JSON body cannot be sent cross-site without a preflight this server never grants.
    if (!header(request, "content-type")?.startsWith("application/json"))
      return send(response, 415, { error: "send application/json" });
    try {
      const item = store.decide((await readJson(request)) as DecisionRequest);
      return send(response, 200, { item });
    } catch (error) {
      if (error instanceof EditError || error instanceof SyntaxError)
        return send(response, 400, { error: error.message });
      if (error instanceof ConflictError) return send(response, 409, { error: error.message });
      throw error;
    }
  }
  send(response, 404, { error: "not found" });
}

function loopbackHost(value: string | undefined): boolean {
  if (!value) return false;
  const host = value.startsWith("[") ? value.slice(1, value.indexOf("]")) : value.replace(/:\d+$/, "");
  return isLoopback(host);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new EditError("request too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(JSON.stringify(body));
}

function sendPage(response: ServerResponse, page: string): void {
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // Everything the page needs is inline; nothing may be fetched from elsewhere.
    "content-security-policy":
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
  });
  response.end(page);
}

/** The page: one HTML file with its stylesheet and script inlined. */
function reviewPage(): string {
  const asset = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");
  return asset("review-page.html")
    .replace("/* STYLE */", () => pageStylesheet(asset("review-page.css")))
    .replace("/* SCRIPT */", () => asset("review-page.js"));
}
