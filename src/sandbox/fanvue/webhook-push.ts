import { createHmac } from 'node:crypto';

const PUSH_TIMEOUT_MS = 10_000;

export interface Delivery {
  url: string;
  status: number;
  body: string;
  payload: unknown;
  at: number;
}

/**
 * Pushes events the way Fanvue signs them: X-Fanvue-Signature: t=<unix s>,v0=HMAC-SHA256(secret,
 * "<t>.<body>"). While the signing secret rotates, every push carries the old and the new
 * signature (`v0=<old>,<new>`), so a receiver holding either secret accepts it.
 */
export class WebhookPusher {
  readonly deliveries: Delivery[] = [];
  /** The secret being rotated out, while a rotation is under way. */
  previousSecret?: string;

  constructor(
    public secret: string,
    private readonly now: () => number,
    public url?: string,
  ) {}

  /** Starts a rotation: pushes are signed with both secrets until `finishRotation`. */
  rotate(next: string): void {
    this.previousSecret = this.secret;
    this.secret = next;
  }

  finishRotation(): void {
    this.previousSecret = undefined;
  }

  signatureFor(rawBody: string, t = Math.floor(this.now() / 1000)): string {
    const sign = (secret: string) => createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
    return this.previousSecret ? `t=${t},v0=${sign(this.previousSecret)},${sign(this.secret)}` : `t=${t},v0=${sign(this.secret)}`;
  }

  /** Status 0: the receiver could not be reached. Nothing is pushed while no URL is set. */
  async push(payload: unknown): Promise<Delivery | undefined> {
    if (!this.url) return undefined;
    const body = JSON.stringify(payload);
    let status = 0;
    let text: string;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fanvue-signature': this.signatureFor(body) },
        body,
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      text = err instanceof Error ? err.message : String(err);
    }
    const delivery = { url: this.url, status, body: text, payload, at: this.now() };
    this.deliveries.push(delivery);
    return delivery;
  }
}
