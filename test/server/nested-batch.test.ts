/**
 * A $batch part whose url is "$batch" is refused with a per-part 400 InvalidBatch: batches
 * do not nest, so MAX_BATCH_REQUESTS (1000) bounds the work of one request (1000 parts of
 * 1000 parts would run a million requests in one transaction holding the global lock).
 * The batch's other parts run as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('$batch inside $batch', () => {
  it('is refused as a part with 400 InvalidBatch, and the other parts still run', async () => {
    const reply = await server.request('POST', `${ERP}/$batch`, {
      body: {
        requests: [
          { id: '1', method: 'POST', url: '$batch', body: { requests: [{ id: 'a', method: 'GET', url: 'Units' }] } },
          { id: '2', method: 'GET', url: `${ERP}/$batch` },
          { id: '3', method: 'GET', url: 'Units?$top=1' },
        ],
      },
    });
    expect(reply.status).toBe(200);
    const [nested, nestedGet, units] = reply.body.responses;
    expect(nested).toMatchObject({ id: '1', status: 400, body: { error: { code: 'InvalidBatch' } } });
    expect(nestedGet).toMatchObject({ id: '2', status: 400, body: { error: { code: 'InvalidBatch' } } });
    expect(units).toMatchObject({ id: '3', status: 200 });
  });
});
