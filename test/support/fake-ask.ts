// An in-process stand-in for the LLM layer: each request is answered by a function of the request, so a
// job's unit test runs without a server, a cache or a client.
import type { Ask, FailureReason, LlmRequest, LlmResult } from "../../src/llm/index.ts";

/** What the fake model says to one request: a parsed value, or a failure with the text it sent. */
export type FakeAnswer =
  | { value: unknown; rawText?: string }
  | { reason: FailureReason; message: string; rawText: string | null };

/** An `ask` answering in request order; `asked` records every request it was given. */
export function fakeAsk(
  answer: (request: LlmRequest<unknown>, index: number) => FakeAnswer,
): Ask & { asked: LlmRequest<unknown>[] } {
  const asked: LlmRequest<unknown>[] = [];
  const ask = async <T>(requests: readonly LlmRequest<T>[]): Promise<LlmResult<T>[]> => {
    asked.push(...(requests as readonly LlmRequest<unknown>[]));
    return requests.map(
      (request, index) => resultOf(answer(request as LlmRequest<unknown>, index)) as LlmResult<T>,
    );
  };
  return Object.assign(ask, { asked });
}

function resultOf(answer: FakeAnswer): LlmResult<unknown> {
  if ("value" in answer)
    return {
      ok: true,
      key: "fake",
      value: answer.value,
      rawText: answer.rawText ?? JSON.stringify(answer.value),
      finishReason: "stop",
      usage: { promptTokens: 0, completionTokens: 0 },
      fromCache: false,
    };
  return { ok: false, key: "fake", ...answer, attempts: 1 };
}
