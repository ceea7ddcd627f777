// A scriptable OpenAI-compatible server for tests and benchmarks: a real HTTP server on 127.0.0.1 that
// answers `/v1/chat/completions` and `/v1/models`, can misbehave on request (429 with Retry-After, 5xx,
// hanging, dropping the connection, malformed or truncated content, finish_reason "length"), and
// records every request it received so tests can check what was sent and how often.
//
// In-process:  const server = await startOpenAiServer({ script: (request) => ({ text: "…" }) });
// As a script: node test/support/openai-server.ts --port 0 --latency-ms 200 [--replies replies.json]
//              prints "listening <baseUrl>" on stdout; GET /__requests returns the recorded requests.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
export async function startOpenAiServer(options = {}) {
    const requests = [];
    const bodyCounts = new Map();
    const replies = [...(options.replies ?? [])];
    let script = options.script;
    const server = createServer((incoming, outgoing) => {
        readBody(incoming).then((rawBody) => {
            const received = record(incoming, rawBody, requests, bodyCounts);
            route(received, outgoing, requests, options, () => replies.shift(), script).catch((error) => {
                if (!outgoing.headersSent)
                    sendJson(outgoing, 500, { error: { message: error.message } });
            });
        });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    const port = server.address().port;
    return {
        baseUrl: `http://127.0.0.1:${port}/v1`,
        port,
        requests,
        completionRequests: () => requests.filter((request) => request.path === "/v1/chat/completions"),
        setScript(next) {
            script = next;
        },
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
function readBody(incoming) {
    return new Promise((resolve) => {
        const chunks = [];
        incoming.on("data", (chunk) => chunks.push(chunk));
        incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        incoming.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
}
function record(incoming, rawBody, requests, bodyCounts) {
    const repeat = bodyCounts.get(rawBody) ?? 0;
    bodyCounts.set(rawBody, repeat + 1);
    const received = {
        index: requests.length,
        method: incoming.method ?? "GET",
        path: (incoming.url ?? "/").split("?")[0],
        headers: incoming.headers,
        body: parseJson(rawBody),
        rawBody,
        repeat,
        receivedAt: performance.now(),
        answered: null,
    };
    requests.push(received);
    return received;
}
async function route(received, outgoing, requests, options, nextReply, script) {
    if (received.method === "GET" && received.path === "/v1/models") {
        const data = (options.models ?? ["mock-model"]).map((id) => ({
            id,
            object: "model",
            owned_by: "hum-test",
        }));
        return sendJson(outgoing, 200, { object: "list", data });
    }
    if (received.method === "GET" && received.path === "/__requests") {
        return sendJson(outgoing, 200, requests.map(publicView));
    }
    if (received.method !== "POST" || received.path !== "/v1/chat/completions") {
        return sendJson(outgoing, 404, { error: { message: `no route ${received.method} ${received.path}` } });
    }
    if (!received.body || !Array.isArray(received.body.messages)) {
        return sendJson(outgoing, 400, { error: { message: "body must be a chat completion request" } });
    }
    const reply = nextReply() ?? (await script?.(received)) ?? {};
    await sendReply(received, outgoing, reply, options.latencyMs ?? 0);
}
async function sendReply(received, outgoing, reply, defaultLatencyMs) {
    if (reply.hang)
        return;
    const latency = reply.latencyMs ?? defaultLatencyMs;
    if (latency > 0)
        await new Promise((resolve) => setTimeout(resolve, latency));
    if (reply.drop === "before-response") {
        outgoing.socket?.destroy();
        return;
    }
    const status = reply.status ?? 200;
    const headers = { "content-type": "application/json" };
    if (reply.retryAfter !== undefined)
        headers["retry-after"] = reply.retryAfter;
    const payload = reply.rawBody ?? JSON.stringify(status < 300 ? completion(received, reply) : errorBody(status));
    if (reply.drop === "mid-body") {
        outgoing.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(payload)) });
        outgoing.write(payload.slice(0, Math.floor(payload.length / 2)), () => outgoing.socket?.destroy());
        return;
    }
    outgoing.writeHead(status, headers);
    outgoing.end(payload, () => {
        received.answered = { status, at: performance.now() };
    });
}
function completion(received, reply) {
    const text = reply.text ?? echoText(received);
    const promptCharacters = JSON.stringify(received.body?.messages ?? []).length;
    return {
        id: `chatcmpl-${received.index}`,
        object: "chat.completion",
        created: 0,
        model: received.body?.model ?? "mock-model",
        choices: [
            {
                index: 0,
                message: { role: "assistant", content: text },
                finish_reason: reply.finishReason ?? "stop",
            },
        ],
        usage: reply.usage ?? {
            prompt_tokens: Math.ceil(promptCharacters / 4),
            completion_tokens: Math.ceil(text.length / 4),
            total_tokens: Math.ceil(promptCharacters / 4) + Math.ceil(text.length / 4),
        },
    };
}
/** The default answer: the last user message, as JSON, so structured calls with `{echo: string}` parse. */
export function echoText(received) {
    const messages = received.body?.messages ?? [];
    const lastUser = messages.findLast((message) => message.role === "user");
    return JSON.stringify({ echo: lastUser?.content ?? "" });
}
function errorBody(status) {
    const type = status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
    return { error: { message: `scripted ${status}`, type, code: null } };
}
function sendJson(outgoing, status, value) {
    outgoing.writeHead(status, { "content-type": "application/json" });
    outgoing.end(JSON.stringify(value));
}
function publicView(request) {
    const { headers: _headers, ...rest } = request;
    return rest;
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return null;
    }
}
async function main() {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: "0" },
            "latency-ms": { type: "string", default: "0" },
            replies: { type: "string" },
        },
    });
    const replies = values.replies ? JSON.parse(readFileSync(values.replies, "utf8")) : [];
    const server = await startOpenAiServer({
        port: Number(values.port),
        latencyMs: Number(values["latency-ms"]),
        replies,
    });
    process.stdout.write(`listening ${server.baseUrl}\n`);
    const stop = () => server.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}
if (import.meta.main)
    await main();
