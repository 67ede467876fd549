/**
 * The alerts screen's state: the rule editor (every rule, saved all at once) with the
 * engine's problems filed by field, and the fired alerts with acknowledge.
 */
import type { AlertRecord, EngineApi } from '../../../engine/api.ts';
import { describeError } from '../sync-format.ts';
import type { RuleForm } from './rule-form.ts';
import { fromRule, newRule, noProblems, problemsAt, problemsOf, toRule } from './rule-form.ts';

export type AlertsApi = Pick<EngineApi, 'alertRules' | 'saveAlertRules' | 'alerts' | 'acknowledgeAlert' | 'checkAlerts'>;

export const ALERT_PAGE = 10;

export class AlertsScreen {
  rules = $state<RuleForm[]>([]);
  problems = $state.raw<ReadonlyMap<string, readonly string[]>>(noProblems());
  fired = $state.raw<readonly AlertRecord[] | null>(null);
  total = $state(0);
  offset = $state(0);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: AlertsApi;

  constructor(api: AlertsApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.rules = (await this.#api.alertRules()).map(fromRule);
    await this.loadFired(0);
  }

  async loadFired(offset = this.offset): Promise<void> {
    const page = await this.#api.alerts({ offset, limit: ALERT_PAGE });
    this.offset = offset;
    this.fired = page.rows;
    this.total = page.total;
  }

  add(): void {
    this.rules.push(newRule(this.rules));
  }

  /** Removing a rule shifts the indexes the problems point at: they are cleared. */
  remove(index: number): void {
    this.rules.splice(index, 1);
    this.problems = noProblems();
  }

  problemAt(index: number, field?: string): readonly string[] {
    return this.problems.get(field === undefined ? String(index) : `${index}.${field}`) ?? [];
  }

  async save(): Promise<void> {
    this.problem = this.done = null;
    const result = await this.#api.saveAlertRules(this.rules.map(toRule));
    if (result.ok) {
      this.problems = noProblems();
      this.rules = result.value.map(fromRule);
      this.done = `Saved ${result.value.length} rule${result.value.length === 1 ? '' : 's'}.`;
      await this.loadFired();
      return;
    }
    const problems = problemsOf(result.error.details);
    this.problems = problemsAt(problems);
    this.problem = problems.length > 0 ? `Nothing was saved: ${problems.length} problem${problems.length === 1 ? '' : 's'}, shown at the fields below.` : describeError(result.error);
  }

  async acknowledge(id: number): Promise<void> {
    const result = await this.#api.acknowledgeAlert(id);
    if (!result.ok) this.problem = describeError(result.error);
    await this.loadFired();
  }

  async check(): Promise<void> {
    const fired = await this.#api.checkAlerts();
    await this.loadFired(0);
    // Alerts are edge-triggered: a rule still above its threshold fired before and is not repeated.
    const firing = (this.fired ?? []).filter((a) => a.clearedAt === null).length;
    if (fired.length > 0) this.done = `${fired.length} alert${fired.length === 1 ? '' : 's'} fired.`;
    else if (firing > 0) this.done = `Checked: nothing new; ${firing} alert${firing === 1 ? ' is' : 's are'} still above the threshold (below).`;
    else this.done = 'Checked: no rule crossed its threshold.';
  }
}
