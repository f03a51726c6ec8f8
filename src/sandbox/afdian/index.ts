export { createAfdianSimulator } from './simulator.js';
export type { AfdianSimulator, AfdianSimulatorOptions } from './simulator.js';
export { EC_RATE_LIMITED } from './messages.js';
export { webhookSignString } from './webhook.js';
export type {
  AfdianEnvelope, AfdianMessage, AfdianOrder, AfdianPlan, AfdianSku, AfdianSkuDetail, AfdianState, AfdianUser,
  AfdianWebhookDelivery,
} from './types.js';
