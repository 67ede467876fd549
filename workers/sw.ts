/**
 * The service worker: makes the app shell start with no network.
 *
 * - Precaches the built shell (the manifest vite-plugin-pwa injects at build time) and
 *   drops caches of older builds.
 * - Every navigation gets the precached index.html, so the app opens offline on any path.
 * - Never touches the stores or the server's own endpoints: /erp, /crm, /auth, /admin and
 *   /health always go to the network (the sync engine owns that traffic and its failures).
 * - Update flow: a new build installs and then WAITS; the page shows "A new version is
 *   ready", and only when the agent accepts does it post {type: 'SKIP_WAITING'}. Taking
 *   over without asking could swap code under a half-filled form.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

/** Server paths the shell must never answer for. */
const NETWORK_ONLY = /^\/(erp|crm|auth|admin|health)(\/|$)/;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [NETWORK_ONLY] }));

// The first install controls open pages at once (there is no older version to protect);
// later versions wait for SKIP_WAITING, below.
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});
