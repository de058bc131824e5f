import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with m=19 MiB, t=2, p=1: OWASP's recommended minimum, cheap enough for a login burst. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password.normalize('NFC'), OPTIONS);
  }

  async verify(encoded: string, password: string): Promise<boolean> {
    try {
      return await verify(encoded, password.normalize('NFC'));
    } catch {
      return false;
    }
  }
}
