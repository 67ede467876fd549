/**
 * Service worker registration and the update prompt, through workbox-window.
 *
 *   new build deployed → it installs and WAITS → `ready` = true → the agent taps Reload →
 *   SKIP_WAITING posted → the new worker takes control ('controlling') → page reloads.
 *
 * Nothing reloads by itself: an agent may be in the middle of a form.
 */
import { Workbox } from 'workbox-window';

export class UpdatePrompt {
  /** A new version is installed and waiting for the agent's go. */
  ready = $state(false);
  /** Set if registering failed (the app still works online). */
  problem = $state<string | null>(null);
  #workbox: Workbox | null = null;
  #switching = false;

  async register(url = '/sw.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const workbox = new Workbox(url);
    this.#workbox = workbox;
    workbox.addEventListener('waiting', () => (this.ready = true));
    try {
      await workbox.register();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  /** The agent said yes: let the waiting worker take over, then reload into it (once). */
  reload(): void {
    const workbox = this.#workbox;
    if (!workbox || this.#switching) return;
    this.#switching = true;
    workbox.addEventListener('controlling', () => location.reload());
    workbox.messageSkipWaiting();
  }
}
