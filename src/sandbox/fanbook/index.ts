export { createFanbookSimulator, type FanbookSimulator, type FanbookSimulatorOptions } from './simulator.js';
export { fanbookSandbox } from './sandbox.js';
export type { FanbookState, FbMessage } from './types.js';
export { unsafeForDouble } from './ids.js';
