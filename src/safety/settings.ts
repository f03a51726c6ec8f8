import { parseBool } from '../config.js';
import { ConfigError } from '../http/errors.js';
import type { Env } from '../platforms/types.js';

export interface SafetySettings {
  /** CREATOR_MCP_LOCKDOWN: leave out text of people the platform says are not subscribers, members or sponsors. */
  lockdown: boolean;
  /** The audit file is rotated when a line would take it past this size. */
  auditMaxBytes: number;
  /** Rotated audit files whose last entry is older than this are deleted. */
  auditMaxAgeMs: number;
  /** Rotated audit files kept at most (the oldest go first). */
  auditMaxFiles: number;
}

export const SAFETY_DEFAULTS = { auditMaxBytes: 5 * 1024 * 1024, auditMaxAgeDays: 90, auditMaxFiles: 5 } as const;

function whole(env: Env, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, not "${env[name]}"`);
  return Number(text);
}

export function loadSafetySettings(env: Env): SafetySettings {
  return {
    lockdown: parseBool('CREATOR_MCP_LOCKDOWN', env.CREATOR_MCP_LOCKDOWN),
    auditMaxBytes: whole(env, 'CREATOR_MCP_AUDIT_MAX_BYTES', SAFETY_DEFAULTS.auditMaxBytes, 2 ** 31),
    auditMaxAgeMs: whole(env, 'CREATOR_MCP_AUDIT_MAX_AGE_DAYS', SAFETY_DEFAULTS.auditMaxAgeDays, 36_500) * 86_400_000,
    auditMaxFiles: whole(env, 'CREATOR_MCP_AUDIT_MAX_FILES', SAFETY_DEFAULTS.auditMaxFiles, 1000),
  };
}
