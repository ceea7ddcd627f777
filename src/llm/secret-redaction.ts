// The API key goes into the Authorization header and nowhere else. Errors can still carry it: fetch
// quotes an invalid header value in its message, and a server may echo the header in an error body.
// Every text made from an error passes through `redactSecrets` before it is printed or written.

const secrets = new Set<string>();

/** Remembers a secret (and its parts, should something split it on line breaks) for redaction. */
export function registerSecret(secret: string): void {
  if (secret.length < 4) return;
  secrets.add(secret);
  for (const part of secret.split(/[\s\p{Cc}]+/u)) if (part.length >= 6) secrets.add(part);
}

const REDACTED = "[redacted]";

/** The text with every registered secret replaced by `[redacted]`. */
export function redactSecrets(text: string): string;
export function redactSecrets(text: string | null): string | null;
export function redactSecrets(text: string | null): string | null {
  if (text === null || secrets.size === 0) return text;
  let redacted = text;
  // Longest first, so the whole key is replaced before any of its parts.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    redacted = redacted.split(secret).join(REDACTED);
  return redacted;
}

/**
 * A key an HTTP header can carry (visible ASCII), with surrounding whitespace removed (a trailing
 * newline from a key file is common). Anything else is refused with a message that does not quote it.
 */
export function checkedApiKey(raw: string | undefined, variable: string): string | undefined {
  if (raw === undefined) return undefined;
  registerSecret(raw);
  const key = raw.trim();
  if (key === "") return undefined;
  if (!/^[\x21-\x7e]+$/.test(key))
    throw new ApiKeyError(
      `the API key in $${variable} holds a line break, space or other character an HTTP header cannot ` +
        "carry; check how the variable was set",
    );
  return key;
}

export class ApiKeyError extends Error {
  override name = "ApiKeyError";
}
