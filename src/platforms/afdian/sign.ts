import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * md5(token + "params" + params + "ts" + ts + "user_id" + user_id): the token followed by the
 * key/value pairs in alphabetical key order, no separators. `params` is hashed exactly as it is
 * sent, so callers serialise once and send that same string.
 */
export function signRequest(token: string, params: string, ts: number, userId: string): string {
  return createHash('md5').update(`${token}params${params}ts${ts}user_id${userId}`, 'utf8').digest('hex');
}

/** Afdian's published webhook key (in force since 2025-07-01). */
export const AFDIAN_WEBHOOK_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwwdaCg1Bt+UKZKs0R54y
lYnuANma49IpgoOwNmk3a0rhg/PQuhUJ0EOZSowIC44l0K3+fqGns3Ygi4AfmEfS
4EKbdk1ahSxu7Zkp2rHMt+R9GarQFQkwSS/5x1dYiHNVMiR8oIXDgjmvxuNes2Cr
8fw9dEF0xNBKdkKgG2qAawcN1nZrdyaKWtPVT9m2Hl0ddOO9thZmVLFOb9NVzgYf
jEgI+KWX6aY19Ka/ghv/L4t1IXmz9pctablN5S0CRWpJW3Cn0k6zSXgjVdKm4uN7
jRlgSRaf/Ind46vMCm3N2sgwxu/g3bnooW+db0iLo13zzuvyn727Q3UDQ0MmZcEW
MQIDAQAB
-----END PUBLIC KEY-----
`;

export interface SignedOrderFields {
  out_trade_no: string;
  user_id: string;
  plan_id: string;
  total_amount: string;
}

/** RSA-SHA256 (PKCS#1 v1.5) over out_trade_no + user_id + plan_id + total_amount, base64. */
export function verifyWebhookSignature(order: SignedOrderFields, signBase64: string, publicKey: KeyObject): boolean {
  const message = Buffer.from(`${order.out_trade_no}${order.user_id}${order.plan_id}${order.total_amount}`, 'utf8');
  try {
    return verify('sha256', message, publicKey, Buffer.from(signBase64, 'base64'));
  } catch {
    return false;
  }
}

export function loadPublicKey(pem: string): KeyObject {
  // Env vars often carry PEMs with literal "\n"; accept both forms.
  return createPublicKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
}
