import { createHmac } from 'node:crypto';

const PUSH_TIMEOUT_MS = 10_000;

export interface Delivery {
  url: string;
  status: number;
  body: string;
  payload: unknown;
  at: number;
}

/** Pushes events the way Fanvue signs them: X-Fanvue-Signature: t=<unix s>,v0=HMAC-SHA256(secret, "<t>.<body>"). */
export class WebhookPusher {
  readonly deliveries: Delivery[] = [];

  constructor(
    readonly secret: string,
    private readonly now: () => number,
    public url?: string,
  ) {}

  signatureFor(rawBody: string, t = Math.floor(this.now() / 1000)): string {
    return `t=${t},v0=${createHmac('sha256', this.secret).update(`${t}.${rawBody}`).digest('hex')}`;
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
