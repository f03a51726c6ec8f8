import { describe, expect, it } from 'vitest';
import { AFDIAN_WEBHOOK_PUBLIC_KEY, loadPublicKey, signRequest, verifyWebhookSignature } from '../../../src/platforms/afdian/sign.js';
import { sumAmounts } from '../../../src/platforms/afdian/amounts.js';

/** Vectors from Afdian's documentation and the reference (computed with Python hashlib and Node crypto). */
const VECTORS: Array<[string, string, number, string, string]> = [
  ['123', '{"a":333}', 1624339905, 'abc', 'a4acc28b81598b7e5d84ebdc3e91710c'],
  ['123', '{"a": 333}', 1624339905, 'abc', '5af0596acd37ace44667868392543e63'],
  ['123', '{"page":1}', 1624339905, 'abc', '51c9ed02cecefb0d96264675eb2980be'],
  ['123', '{"page":1,"per_page":100}', 1624339905, 'abc', 'b13702972fce85d6f8601b4be7479a8e'],
  ['123', '{"out_trade_no":"202106232138371083454010626"}', 1624339905, 'abc', 'b4fd7be98fd6859be4b060d83906ddec'],
  ['123', '{"empty":true}', 1624339905, 'abc', '320f7018143a5ae04171870ab12dfe0b'],
  ['123', '{}', 1624339905, 'abc', 'ce9f59e0e32468a157074c427e0a44ab'],
  ['token123', '{"key":"value"}', 1700000000, 'user123', 'f5969d3b616e7b46597156f15405f059'],
];

describe('Afdian request signature', () => {
  for (const [token, params, ts, userId, expected] of VECTORS) {
    it(`signs ${params} with token ${token}`, () => {
      expect(signRequest(token, params, ts, userId)).toBe(expected);
    });
  }
});

/** The signed fixture of Sn0wo2/go-afdian-api, verified with openssl against Afdian's published key. */
const ORDER = {
  out_trade_no: '202106232138371083454010626',
  user_id: 'adf397fe8374811eaacee52540025c377',
  plan_id: 'a45353328af911eb973052540025c377',
  total_amount: '5.00',
};
const SIGN =
  'EIUrs8kvspg0MqLvpODkQqpyQLppXCNGPDe8+vvfER9VCzGImjvVJiPUd2UWaGP3A9sS/Ov+hFGwHAdvrm4i9Bte3kNQvwAXcaZx2g06JsngEr4MCe+nn0JHm+mtK9np8N5gJ3DC3GAs6l88SmTnMeJ4no+bPexfqPTYAMWs26e0mexjyLY+8f5l9Zv9rQAz+i/kVjtGNgXFQF34+hAmfOoSxlTJth41XMeVLHxi46kHb+tJNGkU4vLrnMftos2yMzHO+rDP10N7o7VNGMO37aCWfJ+uwKgcXBo0xVbPPAVxHZ+GtOnlEpasINnmoJW7maaoOpRX+IUIxd/U4gTnxA==';

describe('Afdian webhook signature', () => {
  const key = loadPublicKey(AFDIAN_WEBHOOK_PUBLIC_KEY);
  it('verifies the published test vector with the published key', () => {
    expect(verifyWebhookSignature(ORDER, SIGN, key)).toBe(true);
  });
  it('refuses the vector with any signed field changed', () => {
    for (const field of Object.keys(ORDER) as Array<keyof typeof ORDER>) {
      expect(verifyWebhookSignature({ ...ORDER, [field]: `${ORDER[field]}0` }, SIGN, key), field).toBe(false);
    }
  });
  it('refuses garbage signatures without throwing', () => {
    expect(verifyWebhookSignature(ORDER, 'not base64 at all', key)).toBe(false);
    expect(verifyWebhookSignature(ORDER, '', key)).toBe(false);
  });
  it('accepts a PEM given with literal \\n escapes, as env vars carry it', () => {
    expect(verifyWebhookSignature(ORDER, SIGN, loadPublicKey(AFDIAN_WEBHOOK_PUBLIC_KEY.replace(/\n/g, '\\n')))).toBe(true);
  });
});

describe('Afdian amounts', () => {
  it('sums decimal strings exactly', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['5.00', '30.00', '68.00', '198.00', '0.01'])).toBe('301.01');
    expect(sumAmounts(['1.5', 'x', undefined, 3])).toBe('1.50');
    expect(sumAmounts([])).toBe('0.00');
  });
});
