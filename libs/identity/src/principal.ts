import type { ApiTokenKind } from '@nhip/database';

/** Who is calling: resolved once per request from the bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  tokenId: string;
  tokenKind: ApiTokenKind;
  /** The password was chosen by an administrator and must be changed before anything else. */
  mustChangePassword: boolean;
}
