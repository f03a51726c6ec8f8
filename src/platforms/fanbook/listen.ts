import type { ListenContext, PlatformClient, PlatformListener } from '../types.js';
import type { FanbookClient } from './client.js';
import type { FanbookConfig } from './config.js';
import { FanbookGateway } from './gateway.js';

/** The bot gateway, when a bot token is set and FANBOOK_GATEWAY is not off. */
export function listenFanbook(cfg: FanbookConfig, client: PlatformClient, ctx: ListenContext): PlatformListener | undefined {
  if (!cfg.gateway) return undefined;
  return new FanbookGateway({
    url: cfg.gatewayUrl,
    login: (signal) => (client as FanbookClient).gatewayLogin(signal),
    record: ctx.record,
    log: ctx.deps.log,
    tuning: ctx.tuning,
  }).start();
}
