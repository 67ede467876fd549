/**
 * Alerts as they fire, for the admin in the app (the page also shows them as system
 * notifications when allowed: engine/client.ts). Keeps the newest few not yet
 * acknowledged or dismissed; acknowledging goes to the engine, dismissing only hides.
 */
import type { AlertRecord, EngineApi } from '../../engine/api.ts';

export type AlertFeedApi = Pick<EngineApi, 'onAlert' | 'acknowledgeAlert'>;

export const SHOWN_ALERTS = 3;

export class AlertFeed {
  shown = $state.raw<readonly AlertRecord[]>([]);
  readonly #api: AlertFeedApi;

  constructor(api: AlertFeedApi) {
    this.#api = api;
  }

  /** Subscribes to fired alerts; returns the teardown (for an $effect). */
  connect(): () => void {
    let off: (() => void) | null = null;
    let closed = false;
    void this.#api.onAlert((alert) => this.add(alert)).then((stop) => (closed ? stop() : (off = stop)));
    return () => {
      closed = true;
      off?.();
    };
  }

  add(alert: AlertRecord): void {
    if (alert.acknowledgedAt !== null) return;
    this.shown = [alert, ...this.shown.filter((a) => a.id !== alert.id)].slice(0, SHOWN_ALERTS);
  }

  dismiss(id: number): void {
    this.shown = this.shown.filter((a) => a.id !== id);
  }

  async acknowledge(id: number): Promise<void> {
    const result = await this.#api.acknowledgeAlert(id);
    if (result.ok) this.dismiss(id);
  }
}
