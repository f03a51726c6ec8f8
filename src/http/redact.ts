/** Below this length a value is too likely to collide with ordinary text to be worth masking. */
const MIN_SECRET_LENGTH = 6;
const MASK = '[REDACTED]';

/**
 * Credential-looking fragments masked even when their value was never registered (a token
 * echoed by a platform, a header copied into an error).
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${MASK}`],
  [/((?:access_token|refresh_token|client_secret|id_token|app_secret|secret|password|token|sign)=)[^&\s"']+/gi, `$1${MASK}`],
  [/("(?:access_token|refresh_token|client_secret|id_token|password|token)"\s*:\s*")[^"]*(")/gi, `$1${MASK}$2`],
  [/(\/api\/bot\/)[^/\s"']+/g, `$1${MASK}`],
];

/**
 * The set of secrets of this process. Every string that leaves the server (tool results, errors,
 * log lines) passes through `redact`, so a secret can only leak if it was never registered and
 * matches no credential pattern.
 */
export class SecretSet {
  private readonly values = new Set<string>();

  add(...secrets: Array<string | undefined>): void {
    for (const s of secrets) {
      if (!s || s.length < MIN_SECRET_LENGTH) continue;
      this.values.add(s);
      // Secrets also travel URL-encoded (query strings, form bodies) and base64-encoded (Basic auth).
      this.values.add(encodeURIComponent(s));
    }
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.values) if (out.includes(s)) out = out.split(s).join(MASK);
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }

  get size(): number {
    return this.values.size;
  }
}
