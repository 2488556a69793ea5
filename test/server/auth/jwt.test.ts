import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1 } from '../../support/schemas.js';

const issuer = 'https://idp.example.test/';
let dir: Awaited<ReturnType<typeof tempDir>>;
let signingKey: CryptoKey;
let publicJwk: JWK;
const schema = { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1) };

/** A token as an identity provider would issue it; `claims` override the defaults. */
async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; issuer?: string; audience?: string; expires?: string | number } = {}) {
  return new SignJWT({ sub: 'alice@example.test', realm: { roles: ['writer:order.*', 'offline_access'] }, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? 'charter')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(options.key ?? signingKey);
}

beforeAll(async () => {
  dir = await tempDir();
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
});
afterAll(() => dir.remove());

describe('bearer JWTs verified against a JWKS file', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    await writeFile(join(dir.path, 'jwks.json'), JSON.stringify({ keys: [publicJwk] }));
    const authFile = join(dir.path, 'auth.json');
    await writeKeys(authFile, {}, { jwt: { jwks: 'jwks.json', issuer, audience: 'charter', rolesClaim: 'realm.roles' } });
    registry = await startRegistry({ auth: { authFile } });
  });
  afterAll(() => registry.close());

  it('takes roles from the configured claim and records the token’s sub in the audit log', async () => {
    const registered = await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions', schema, bearer(await token()));
    expect(registered.status).toBe(200);
    const outside = await call(registry.url, 'POST', '/subjects/payment.PaymentCaptured/versions', schema, bearer(await token()));
    expect(outside.status).toBe(403);
    const admin = bearer(await token({ sub: 'root', realm: { roles: ['admin'] } }));
    const audit = await call(registry.url, 'GET', '/audit?subject=order.OrderPlaced', undefined, admin);
    expect(audit.body.entries).toEqual([expect.objectContaining({ principal: 'alice@example.test', action: expect.any(String) })]);
  });

  const refused: Array<[string, () => Promise<string>]> = [
    ['a token from another issuer', () => token({}, { issuer: 'https://evil.example.test/' })],
    ['an expired token', () => token({}, { expires: Math.floor(Date.now() / 1000) - 600 })],
    ['a token for another audience', () => token({}, { audience: 'someone-else' })],
    ['a token signed by a key not in the set', async () => token({}, { key: (await generateKeyPair('ES256')).privateKey })],
    ['a token without a sub', () => token({ sub: undefined })],
    ['a token that is not a JWT at all', async () => 'not.a.jwt'],
    ['a token whose sub would pass for an API key in the audit log', () => token({ sub: 'key:ci' })],
  ];
  for (const [what, make] of refused) {
    it(`answers 401 to ${what}`, async () => {
      const response = await call(registry.url, 'GET', '/subjects', undefined, bearer(await make()));
      expect(response.status).toBe(401);
      expect(response.body.error_code).toBe(40101);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    });
  }

  it('authenticates a token whose claim holds no Charter role, then refuses it with 403', async () => {
    const response = await call(registry.url, 'GET', '/subjects/order.OrderPlaced/versions', undefined, bearer(await token({ realm: { roles: ['offline_access'] } })));
    expect(response.status).toBe(403);
  });
});

describe('bearer JWTs verified against a JWKS URL', () => {
  let registry: TestRegistry;
  let idp: Server;
  beforeAll(async () => {
    idp = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [publicJwk] })));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const authFile = join(dir.path, 'auth-remote.json');
    const jwks = `http://127.0.0.1:${(idp.address() as { port: number }).port}/jwks.json`;
    await writeKeys(authFile, {}, { jwt: { jwks, issuer, rolesClaim: 'realm.roles' } });
    registry = await startRegistry({ auth: { authFile } });
  });
  afterAll(async () => {
    await registry.close();
    await new Promise((resolve) => idp.close(resolve));
  });

  it('fetches the key set and accepts a token it signs', async () => {
    const response = await call(registry.url, 'GET', '/subjects', undefined, bearer(await token()));
    expect(response.status).toBe(200);
  });
});
