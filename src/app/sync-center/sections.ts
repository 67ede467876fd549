/**
 * The sync center's screens, in the order its navigation lists them. Pure: the router
 * parses `#/sync/<section>` with `parseSection`, the navigation is built from `SECTIONS`.
 */
export const SECTIONS = [
  { id: 'maps', label: 'Maps' },
  { id: 'editor', label: 'Map editor' },
  { id: 'queue', label: 'Queue' },
  { id: 'conflicts', label: 'Conflicts' },
  { id: 'logs', label: 'Logs' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'initial-sync', label: 'Initial sync' },
  { id: 'packages', label: 'Packages' },
  { id: 'charts', label: 'Charts' },
  { id: 'setup', label: 'Setup' },
] as const;

export type SyncSection = (typeof SECTIONS)[number]['id'];

/** The section named after `/sync/`, or null when the name is not one (the router's not-found). */
export function parseSection(name: string | undefined): SyncSection | null {
  if (name === undefined || name === '') return 'maps';
  return SECTIONS.find((s) => s.id === name)?.id ?? null;
}
