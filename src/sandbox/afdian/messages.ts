import { strParam } from './open-api.js';
import type { ParamBag } from './open-api.js';
import type { AfdianEnvelope, AfdianState } from './types.js';

const PER_SECOND = 10;
const PER_HOUR = 1000;
/**
 * The limits (10/s, 1000/h per creator) are documented; the error code for exceeding them is not.
 * The sandbox answers ec 429 so clients can map it to "wait and retry".
 */
export const EC_RATE_LIMITED = 429;

export class SendMsgEndpoint {
  #sent: number[] = []; // ms timestamps within the last hour

  constructor(private readonly state: AfdianState, private readonly now: () => number) {}

  handle(p: ParamBag): AfdianEnvelope {
    const recipient = strParam(p.recipient);
    const content = strParam(p.content);
    if (recipient === '' || content === '') {
      return { ec: 400001, em: 'params incomplete: recipient and content are required', data: {} };
    }
    if (!this.state.sponsors.has(recipient)) return { ec: 400, em: `recipient not found: ${recipient}`, data: {} };
    const now = this.now();
    this.#sent = this.#sent.filter((t) => t > now - 3_600_000);
    const lastSecond = this.#sent.filter((t) => t > now - 1000).length;
    if (lastSecond >= PER_SECOND || this.#sent.length >= PER_HOUR) {
      const limit = lastSecond >= PER_SECOND ? `${PER_SECOND} per second` : `${PER_HOUR} per hour`;
      return { ec: EC_RATE_LIMITED, em: `rate limit exceeded: at most ${limit}`, data: {} };
    }
    this.#sent.push(now);
    this.state.messages.push({ recipient, content, sent_at: Math.floor(now / 1000) });
    return { ec: 200, em: 'success', data: {} };
  }
}
