/**
 * Alert rules as the editor holds them (numbers as typed text) and back. Pure. The
 * engine is the one validator: `toRule` passes what cannot be read as a number through
 * unchanged, so the engine's ALERT_RULES_INVALID names it, and `problemsAt` files each of
 * its problems under the rule and field its JSON path points at ("$.rules[2].threshold").
 */
import type { AlertRule } from '../../../engine/api.ts';

export type Metric = AlertRule['metric'];
export type Action = AlertRule['action'];

export interface RuleForm {
  id: string;
  name: string;
  metric: Metric;
  errorCode: string;
  windowMinutes: string;
  threshold: string;
  mapId: string;
  action: Action;
  enabled: boolean;
}

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path: string | null;
}

export const METRICS: readonly { value: Metric; label: string; unit: string }[] = [
  { value: 'errors', label: 'Errors', unit: 'errors' },
  { value: 'queue-length', label: 'Queue length', unit: 'entries' },
  { value: 'queue-age', label: 'Queue age', unit: 'minutes' },
  { value: 'sync-lag', label: 'Sync lag', unit: 'minutes' },
  { value: 'conflicts', label: 'Open conflicts', unit: 'conflicts' },
  { value: 'storage', label: 'Storage used', unit: '% of quota' },
];

export function fromRule(rule: AlertRule): RuleForm {
  return {
    id: rule.id,
    name: rule.name,
    metric: rule.metric,
    errorCode: rule.errorCode ?? '',
    windowMinutes: rule.windowMinutes === undefined ? '' : String(rule.windowMinutes),
    threshold: String(rule.threshold),
    mapId: rule.mapId ?? '',
    action: rule.action,
    enabled: rule.enabled,
  };
}

/** A number when the text is one; otherwise the text itself, for the engine to refuse. */
function numberOrText(text: string): number {
  const t = text.trim();
  return (/^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t) as number;
}

export function toRule(form: RuleForm): AlertRule {
  const rule: AlertRule = { id: form.id.trim(), name: form.name.trim(), metric: form.metric, threshold: numberOrText(form.threshold), action: form.action, enabled: form.enabled };
  if (form.metric === 'errors') {
    if (form.errorCode.trim()) rule.errorCode = form.errorCode.trim();
    if (form.windowMinutes.trim()) rule.windowMinutes = numberOrText(form.windowMinutes);
  }
  if (form.mapId) rule.mapId = form.mapId;
  return rule;
}

/** A new rule with an id no other rule has ("rule-3"). */
export function newRule(existing: readonly RuleForm[]): RuleForm {
  const ids = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (ids.has(`rule-${n}`)) n += 1;
  return { id: `rule-${n}`, name: 'New rule', metric: 'errors', errorCode: '', windowMinutes: '10', threshold: '5', mapId: '', action: 'notify', enabled: true };
}

/**
 * Problems by where they belong: `"2.threshold"` for a field of rule 2, `"2"` for rule 2
 * as a whole, `""` for the rule list.
 */
/** No problem anywhere (the editor's start and reset value). */
export function noProblems(): ReadonlyMap<string, readonly string[]> {
  return new Map();
}

export function problemsAt(problems: readonly Problem[]): ReadonlyMap<string, readonly string[]> {
  const at = new Map<string, string[]>();
  for (const p of problems) {
    const m = /^\$\.rules\[(\d+)\](?:\.(\w+))?/.exec(p.path ?? '');
    const where = m ? (m[2] ? `${m[1]}.${m[2]}` : `${m[1]}`) : '';
    at.set(where, [...(at.get(where) ?? []), atField(p.message)]);
  }
  return at;
}

/** A message shown at its field need not repeat where it is: "package: $.rules[0].threshold: 150 is…" → "150 is…". */
function atField(message: string): string {
  return message.replace(/^(?:\w+: )?\$\.rules\[\d+\][\w.[\]]*: /, '');
}

/** The problems listed in an engine error's details, tolerating a missing or odd list. */
export function problemsOf(details: Readonly<Record<string, unknown>> | undefined): readonly Problem[] {
  const list = details?.['problems'];
  if (!Array.isArray(list)) return [];
  return list.map((p: { code?: unknown; message?: unknown; path?: unknown }) => ({ code: String(p.code ?? ''), message: String(p.message ?? ''), path: typeof p.path === 'string' ? p.path : null }));
}
