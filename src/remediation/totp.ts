import { createHmac } from 'node:crypto';

/**
 * TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the codes authenticator apps show for an AWS virtual
 * MFA device. Rampart uses it only to check `--mfa-codes` against the seed file it saved, so a typo is caught
 * with a clear message before AWS answers "InvalidAuthenticationCode".
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const STEP_SECONDS = 30;

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for one time step (`counter` = seconds since the epoch / 30). */
export function totp(key: Buffer, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/**
 * Whether `code1`, `code2` are two consecutive codes of this seed from the last `lookBack` steps (or the next
 * one, for a clock running slightly ahead). Five minutes back by default: the codes may have been read a
 * little before the command ran; AWS itself decides the final word.
 */
export function consecutiveCodes(
  seed: string,
  code1: string,
  code2: string,
  now: Date,
  lookBack = 10,
): boolean {
  const key = base32Decode(seed);
  const current = Math.floor(now.getTime() / 1000 / STEP_SECONDS);
  for (let c = current - lookBack; c <= current + 1; c++) {
    if (totp(key, c) === code1 && totp(key, c + 1) === code2) return true;
  }
  return false;
}
