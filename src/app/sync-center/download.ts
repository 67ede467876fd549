/** Saves text as a file through a Blob URL (the engine hands the app text; the page downloads it). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "tandem-errors-2026-11-22T04-05-00.csv": a name that sorts by time and is safe everywhere. */
export function exportName(what: string, extension: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replaceAll(':', '-');
  return `tandem-${what}-${stamp}.${extension}`;
}
