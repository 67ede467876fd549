/**
 * The map packages screen's state. Export: the chosen maps, a publisher and a four-part
 * version become one package file. Import, in two steps so nothing changes unseen:
 * a file is previewed (diff and upgrade steps, or its problems with their JSON paths),
 * then imported only when the admin confirms that preview.
 */
import type { EngineApi, ImportPreview, MapProblem } from '../../../engine/api.ts';
import type { TableMap } from '../../../core/maps/index.ts';
import { none, toggled, toggledAll } from '../selection.ts';
import { describeError } from '../sync-format.ts';

export type PackagesApi = Pick<EngineApi, 'maps' | 'exportMaps' | 'previewMapPackage' | 'importMapPackage'>;

export const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/;

export class PackagesScreen {
  maps = $state.raw<readonly TableMap[]>([]);
  chosen = $state.raw<ReadonlySet<string>>(none());
  publisher = $state('Tandem admin');
  version = $state('1.0.0.0');
  /** The file being imported: its name and text. */
  file = $state.raw<{ name: string; text: string } | null>(null);
  preview = $state.raw<ImportPreview | null>(null);
  problems = $state.raw<readonly MapProblem[]>([]);
  problem = $state<string | null>(null);
  done = $state<string | null>(null);
  readonly #api: PackagesApi;

  constructor(api: PackagesApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.maps = await this.#api.maps();
    if (this.chosen.size === 0) this.chosen = toggledAll(none(), this.maps.map((m) => m.id));
  }

  toggle(id: string): void {
    this.chosen = toggled(this.chosen, id);
  }

  toggleAll(): void {
    this.chosen = toggledAll(this.chosen, this.maps.map((m) => m.id));
  }

  get versionValid(): boolean {
    return VERSION.test(this.version.trim());
  }

  /** The package file's text, or null when the form is not complete. */
  async exportText(): Promise<string | null> {
    if (!this.versionValid || this.chosen.size === 0 || !this.publisher.trim()) return null;
    const all = this.chosen.size === this.maps.length;
    return this.#api.exportMaps(all ? null : this.maps.filter((m) => this.chosen.has(m.id)).map((m) => m.id), this.publisher.trim(), this.version.trim());
  }

  async previewFile(name: string, text: string): Promise<void> {
    this.file = { name, text };
    this.preview = null;
    this.problems = [];
    this.problem = this.done = null;
    const result = await this.#api.previewMapPackage(text);
    if (result.ok) this.preview = result.value;
    else this.#refused(result.error);
  }

  async confirmImport(): Promise<void> {
    if (!this.file || !this.preview) return;
    const result = await this.#api.importMapPackage(this.file.text);
    if (!result.ok) {
      this.preview = null;
      this.#refused(result.error);
      return;
    }
    this.done = `Imported ${result.value.publisher} ${result.value.version}: ${result.value.diff.added.length} added, ${result.value.diff.changed.length} changed.`;
    this.preview = null;
    this.file = null;
    await this.load();
  }

  cancel(): void {
    this.file = null;
    this.preview = null;
    this.problems = [];
  }

  #refused(error: { code: string; message: string; details?: Readonly<Record<string, unknown>> }): void {
    const problems = error.details?.['problems'];
    this.problems = Array.isArray(problems) ? (problems as MapProblem[]) : [];
    this.problem = describeError(error);
  }
}
