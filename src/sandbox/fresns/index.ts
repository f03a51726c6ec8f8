export { createFresnsSimulator, type FresnsSimulator, type FresnsSimulatorOptions } from './simulator.js';
export { makeSign } from './checks.js';
export { SANDBOX } from './seed.js';
export type { SimState } from './types.js';
