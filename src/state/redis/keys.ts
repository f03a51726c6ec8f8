/**
 * Every key the Redis backend uses starts with this prefix, so one Redis can hold other data
 * (or, with another prefix, another deployment). The layout, also listed in the README:
 *   tokens                      HASH  ["platform","account"] -> sealed record (AES-256-GCM, as on disk)
 *   tokens:changed              channel: a record changed; instances drop their cached copy
 *   lock:tokens:<field>         STRING  the refresh lock: random holder token, expires (PX)
 *   inbox:<platform>:seq        STRING  last seq given out
 *   inbox:<platform>:order      ZSET  id hash by seq
 *   inbox:<platform>:time       ZSET  id hash by storedAt (retention by age)
 *   inbox:<platform>:events     HASH  id hash -> event JSON
 *   ledger:age / ledger:ids     ZSETs  handled ids by time (bound) and by name (prefix counts)
 *   audit                       LIST  audit entries as JSON lines, newest last, trimmed
 *   nonce:<nonce>               STRING  a spent confirmation nonce, expires with its question
 *   bucket:<scope>|<bucket>     ZSET  request stamps of one rate-limit bucket; :blocked  STRING
 */
export const DEFAULT_PREFIX = 'creator-mcp:';

export interface Keys {
  (name: string): string;
}

export function keysUnder(prefix: string): Keys {
  return (name) => `${prefix}${name}`;
}
