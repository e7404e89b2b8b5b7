import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderSecrets {
  /** Private signing keys (JWK), newest first; the public halves are published at /jwks. */
  signingKeys: JWK[];
  /** Keys for the provider's signed cookies (its session and interaction cookies). */
  cookieKeys: string[];
}

/**
 * The provider's keys, generated on first start and kept in the data folder: a token signed
 * before a restart still checks against the JWKS after it, and a signed-in browser stays signed
 * in. The file is readable by its owner only; `npm start -- --fresh` deletes it with the rest.
 */
export async function loadProviderSecrets(file: string): Promise<ProviderSecrets> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<ProviderSecrets>;
    if (Array.isArray(saved.signingKeys) && saved.signingKeys.length > 0 && saved.cookieKeys?.[0])
      return { signingKeys: saved.signingKeys, cookieKeys: saved.cookieKeys };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError))
      throw error;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const secrets: ProviderSecrets = {
    signingKeys: [{ ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }],
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(secrets), { mode: 0o600 });
  await rename(temporary, file);
  return secrets;
}
