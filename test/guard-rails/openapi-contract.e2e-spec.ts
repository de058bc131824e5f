import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApiApp, openApiDocumentOf } from '../../apps/api/src/create-api-app';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

const CONTRACT = join(__dirname, '..', '..', 'contract', 'openapi.json');

/** The document with every object's keys in order, so the file changes only when the contract does. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * The api's contract is committed in `contract/openapi.json`: a change to any route, parameter or schema
 * shows in review as a change of that file, and this test fails until it is written again
 * (`npm run contract`).
 */
describe('the committed OpenAPI contract (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('is what the api serves', () => {
    const served = `${JSON.stringify(canonical(openApiDocumentOf(app)), null, 2)}\n`;
    if (process.env.NHIP_WRITE_CONTRACT === '1') writeFileSync(CONTRACT, served);
    const committed = readFileSync(CONTRACT, 'utf8');
    if (committed !== served)
      throw new Error(
        'The api no longer matches contract/openapi.json: run `npm run contract` and commit the new file with the change.',
      );
  });
});
