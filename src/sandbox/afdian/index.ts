export { createAfdianSimulator } from './simulator.js';
export type { AfdianSimulator, AfdianSimulatorOptions } from './simulator.js';
export { busiestWindow } from './messages.js';
export { webhookSignString } from './webhook.js';
export type {
  AfdianEnvelope, AfdianMessage, AfdianOrder, AfdianPlan, AfdianSku, AfdianSkuDetail, AfdianState, AfdianUser,
  AfdianWebhookDelivery,
} from './types.js';
