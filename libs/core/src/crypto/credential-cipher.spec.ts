import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { CredentialCipher } from './credential-cipher';

function cipherWithKey(key = randomBytes(32).toString('base64')) {
  return new CredentialCipher({ credentialsKey: key } as AppConfig);
}

describe('CredentialCipher', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const cipher = cipherWithKey();
    const stored = cipher.encrypt({ accessToken: 'EAAB-very-secret' });
    expect(stored).not.toContain('very-secret');
    expect(stored.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(stored)).toEqual({ accessToken: 'EAAB-very-secret' });
  });

  it('uses a fresh nonce each time', () => {
    const cipher = cipherWithKey();
    expect(cipher.encrypt({ a: 1 })).not.toEqual(cipher.encrypt({ a: 1 }));
  });

  it('rejects tampered ciphertext and a different key', () => {
    const cipher = cipherWithKey();
    const stored = cipher.encrypt({ password: 'x' });
    const parts = stored.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => cipherWithKey().decrypt(stored)).toThrow();
  });
});
