import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultsEnv } from '../../server/http/faults.ts';
import type { TestServer } from '../support/server.ts';
import { ERP, startTestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const setFaults = (faults: unknown, as = 'admin') => server.request('PUT', '/admin/faults', { as, body: faults });

describe('fault injection', () => {
  it('is off by default and only admins may change it', async () => {
    expect((await server.request('GET', '/admin/faults')).body).toEqual({ latencyMs: 0, errorRate: 0, dropRate: 0 });
    expect((await setFaults({ errorRate: 1 }, 'agent.usmf')).status).toBe(403);
    expect((await setFaults({ errorRate: 2 })).body.error.message).toContain('errorRate');
  });

  it('answers 503 with Retry-After at errorRate 1, and recovers when turned off', async () => {
    await server.token('admin');
    await setFaults({ errorRate: 1 });
    const reply = await server.request('GET', `${ERP}/Units`);
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.body.error.code).toBe('ServiceUnavailable');
    await setFaults({ errorRate: 0 });
    expect((await server.request('GET', `${ERP}/Units`)).status).toBe(200);
  });

  it('drops connections at dropRate 1', async () => {
    await setFaults({ dropRate: 1 });
    await expect(server.request('GET', `${ERP}/Units`)).rejects.toThrow();
    await setFaults({ dropRate: 0 });
    expect((await server.request('GET', `${ERP}/Units`)).status).toBe(200);
  });

  it('adds latency', async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    await server.request('GET', `${ERP}/Units`);
    const elapsed = performance.now() - started;
    await setFaults({ latencyMs: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });

  it('reads TANDEM_FAULTS', () => {
    expect(parseFaultsEnv('latency=200ms,503=10%,drop=0.05')).toEqual({ latencyMs: 200, errorRate: 0.1, dropRate: 0.05 });
    expect(() => parseFaultsEnv('latency=-1')).toThrow(/latency/);
    expect(() => parseFaultsEnv('boom=1')).toThrow(/boom/);
  });
});
