import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../errors.ts';

/**
 * Where private signing keys live: one file per key, `<dir>/<kid>.private.jwk` (a private JWK as JSON),
 * mode 0600 in a 0700 directory. The store only ever holds public keys, so no store export or backup
 * of the database carries a private key, and nothing here logs key material.
 */
export interface KeyVault {
  readonly dir: string;
  /** Writes a new private key; refuses to overwrite an existing file. */
  write(kid: string, privateJwk: Record<string, unknown>): void;
  /** The private JWK of `kid`; throws DomainError('unavailable') when its file is missing. */
  read(kid: string): Record<string, unknown>;
  has(kid: string): boolean;
}

const kidPattern = /^[A-Za-z0-9_-]{16,128}$/;

function fileOf(dir: string, kid: string): string {
  if (!kidPattern.test(kid)) throw new TypeError('a key id is a base64url thumbprint');
  return join(dir, `${kid}.private.jwk`);
}

/** The key vault in `<dataDir>/keys`. */
export function fileKeyVault(dir: string): KeyVault {
  return {
    dir,
    write(kid, privateJwk) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      writeFileSync(fileOf(dir, kid), `${JSON.stringify(privateJwk)}\n`, { mode: 0o600, flag: 'wx' });
    },
    read(kid) {
      const file = fileOf(dir, kid);
      if (!existsSync(file)) throw new DomainError('unavailable', `the private key ${kid} is not in the key directory`);
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    },
    has(kid) {
      return existsSync(fileOf(dir, kid));
    },
  };
}

/** The key directory of a data directory. */
export function keysDirOf(dataDir: string): string {
  return join(dataDir, 'keys');
}
