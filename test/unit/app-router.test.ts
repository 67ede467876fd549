import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../src/app/router.svelte.ts';
import { plural, relativeTime } from '../../src/app/format.ts';
import { bootstrapPercent, phaseLabel } from '../../src/app/status/phase.ts';
import type { EngineStatus } from '../../src/engine/api.ts';

describe('hash routes', () => {
  it.each([
    ['', { name: 'accounts' }],
    ['#/', { name: 'accounts' }],
    ['#/accounts', { name: 'accounts' }],
    ['#/new', { name: 'new' }],
    ['#/accounts/1b6e-42', { name: 'account', accountid: '1b6e-42' }],
    ['#/accounts/a%20b/', { name: 'account', accountid: 'a b' }],
    ['#/accounts/%E0%A4%A', { name: 'not-found', path: '/accounts/%E0%A4%A' }],
    ['#/nope', { name: 'not-found', path: '/nope' }],
  ])('%j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips account ids through href', () => {
    for (const accountid of ['plain', 'with/slash', 'ü & ?#']) expect(parseRoute(href({ name: 'account', accountid }))).toEqual({ name: 'account', accountid });
  });
});

describe('status wording', () => {
  const status: EngineStatus = { online: true, leader: true, phase: 'idle', pending: 0, lastSyncAt: null, errors: 0, needsSignIn: false, username: 'agent.usmf', bootstrap: null, lastError: null, pausedMaps: [], storageFull: false, role: null };

  it('says what the engine is doing in an agent’s words', () => {
    expect(phaseLabel(status)).toBe('Up to date');
    expect(phaseLabel({ ...status, pending: 2 })).toBe('Waiting to send');
    expect(phaseLabel({ ...status, phase: 'bootstrapping', bootstrap: { done: 1200, total: 10000 } })).toBe('Downloading 1,200 of 10,000');
    expect(phaseLabel({ ...status, phase: 'bootstrapping', bootstrap: { done: 1200, total: null } })).toBe('Downloading 1,200…');
    expect(bootstrapPercent({ ...status, phase: 'bootstrapping', bootstrap: { done: 2500, total: 10000 } })).toBe(25);
    expect(bootstrapPercent(status)).toBeNull();
  });

  it('formats relative times and plurals', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime('2026-03-01T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-03-01T11:56:00Z', now)).toBe('4 min ago');
    expect(relativeTime('2026-03-01T09:00:00Z', now)).toBe('3 h ago');
    expect(plural(1, 'pending change')).toBe('1 pending change');
    expect(plural(1200, 'pending change')).toBe('1,200 pending changes');
  });
});
