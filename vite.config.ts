/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// The service worker (workers/sw.ts) is built by vite-plugin-pwa with workbox's
// injectManifest: our own code, with the precache manifest of the built shell injected.
// The app registers it itself through workbox-window (src/app/pwa/), hence injectRegister false.
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'workers',
  filename: 'sw.ts',
  injectRegister: false,
  manifest: {
    name: 'Tandem — field agent',
    short_name: 'Tandem',
    description: 'Your customers from the ERP and the CRM, offline, kept in step.',
    // The installed app's identity: what Chromium would compute from start_url today, written
    // down so that moving start_url later does not make it a different app to the browser.
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#f2f4f7',
    theme_color: '#1f4e79',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // The glob already precaches the icons; the plugin adds manifest.webmanifest itself, so
  // neither is listed twice.
  includeManifestIcons: false,
  injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], globIgnores: ['manifest.webmanifest'] },
});

// One config for the app build and for the three test projects. The suites differ in
// runtime, not in tooling: unit = pure core in Node, server = the reference server over
// real HTTP, e2e = the built app in Debian's Chromium.
export default defineConfig({
  plugins: [svelte(), pwa],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/erp': 'http://127.0.0.1:8080',
      '/crm': 'http://127.0.0.1:8080',
      '/auth': 'http://127.0.0.1:8080',
      '/health': 'http://127.0.0.1:8080',
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
