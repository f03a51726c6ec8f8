import { describe, expect, it } from 'vitest';
import { SecretSet } from '../../src/http/redact.js';
import { createLogger, oneLine } from '../../src/log.js';

describe('log lines', () => {
  it('are one line per event: upstream text cannot forge a line of its own', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: new SecretSet(), write: (l) => lines.push(l) });
    log.warn('Afdian said: bad request\n2026-12-02T00:00:00.000Z error forged line\r\u2028\u0007');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\n')).toHaveLength(2); // the line and its own terminator
    expect(lines[0]).toContain('bad request\\n2026-12-02T00:00:00.000Z error forged line\\r\\u2028\\u0007');
    expect(oneLine('plain text, 中文 and emoji 🎉 stay as they are')).toBe('plain text, 中文 and emoji 🎉 stay as they are');
  });
});
