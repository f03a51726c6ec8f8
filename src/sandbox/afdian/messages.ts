import { strParam } from './open-api.js';
import type { ParamBag } from './open-api.js';
import type { AfdianEnvelope, AfdianState } from './types.js';

/**
 * Afdian documents send-msg's limits (10 per second, 1000 per hour) but not what it answers
 * beyond them, so the simulator invents no code for it: it records when each message arrived,
 * and the tests prove from those times that creator-mcp never goes past the limits.
 * Any Afdian user can receive a private message, not only the creator's sponsors.
 */
export class SendMsgEndpoint {
  constructor(private readonly state: AfdianState, private readonly now: () => number) {}

  /** Arrival times (ms) of every accepted message, oldest first. */
  readonly arrivals: number[] = [];

  handle(p: ParamBag): AfdianEnvelope {
    const recipient = strParam(p.recipient);
    const content = strParam(p.content);
    if (recipient === '' || content === '') {
      return { ec: 400001, em: 'params incomplete: recipient and content are required', data: {} };
    }
    const now = this.now();
    this.arrivals.push(now);
    this.state.messages.push({ recipient, content, sent_at: Math.floor(now / 1000) });
    return { ec: 200, em: 'success', data: {} };
  }
}

/** The most messages that arrived within any window of `windowMs`. */
export function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while ((arrivals[i] as number) - (arrivals[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
