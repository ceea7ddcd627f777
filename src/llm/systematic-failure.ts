// A run whose first requests all fail the same hopeless way (the key refused, the model or path
// unknown, nothing listening) stops early and says what to check, instead of retrying every request.
import type { AttemptOutcome } from "./chat-transport.ts";

/** Attempts in a row, before any answer, that stop a run. */
export const SYSTEMATIC_FAILURE_STREAK = 5;

export interface EndpointDescription {
  baseUrl: string;
  model: string;
  apiKeyVariable: string;
}

export class SystematicFailureGuard {
  readonly #streak: number;
  #answered = false;
  #count = 0;

  constructor(streak = SYSTEMATIC_FAILURE_STREAK) {
    this.#streak = streak;
  }

  /** Notes one attempt; returns the advice to stop with once the streak is reached, else null. */
  observe(outcome: AttemptOutcome, endpoint: EndpointDescription): string | null {
    if (outcome.kind === "answer") {
      this.#answered = true;
      this.#count = 0;
      return null;
    }
    const advice = this.#answered ? null : adviceFor(outcome.reason, outcome.message, endpoint);
    if (advice === null) {
      this.#count = 0;
      return null;
    }
    this.#count++;
    return this.#count >= this.#streak
      ? `stopped after the first ${this.#count} attempts all failed: ${advice}`
      : null;
  }
}

function adviceFor(reason: string, message: string, endpoint: EndpointDescription): string | null {
  const { baseUrl, model, apiKeyVariable } = endpoint;
  if (reason === "http_401" || reason === "http_403")
    return `the server refused the API key (${reason.replace("http_", "HTTP ")}): check $${apiKeyVariable} (or --api-key-env)`;
  if (reason === "http_404")
    return (
      `HTTP 404 from ${baseUrl}/chat/completions: check --model (is "${model}" served? ` +
      `${baseUrl}/models lists what is) and --base-url (it ends with /v1, e.g. http://localhost:8000/v1)`
    );
  // Refused, unknown host, a port fetch will not use: before any answer, every such try fails alike.
  if (reason === "connection")
    return `cannot connect to ${baseUrl} (${message}): is the server running there? check --base-url`;
  return null;
}
