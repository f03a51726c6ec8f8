import { describe, expect, it } from 'vitest';
import { SecretSet } from '../../src/http/redact.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secrets in the form OAuth libraries send them', () => {
  // Found by the secrets sweep: openid-client form-encodes both Basic halves strictly (`-` → %2D,
  // `_` → %5F), a form encodeURIComponent never makes, so the Fanvue client secret went unmasked.
  it('masks HTTP Basic built from strictly form-encoded id and secret', () => {
    const set = new SecretSet();
    set.addBasic('sandbox-fanvue-client', 'fvcs_abc_123-x');
    const header = `Basic ${b64('sandbox%2Dfanvue%2Dclient:fvcs%5Fabc%5F123%2Dx')}`;
    expect(set.redact(`authorization: ${header}`)).toBe('authorization: Basic [REDACTED]');
    expect(set.redactValue({ echo: header })).toEqual({ echo: 'Basic [REDACTED]' });
  });

  it('masks a secret strictly form-encoded in a body (client_secret_post)', () => {
    const set = new SecretSet();
    set.add('cs_with-dash.dot*');
    expect(set.redact('client_secret=cs%5Fwith%2Ddash%2Edot%2A&x=1')).toBe('client_secret=[REDACTED]&x=1');
  });
});
