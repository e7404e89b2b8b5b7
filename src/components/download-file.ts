/**
 * Saves bytes as a file through a Blob object URL: nothing goes through the network again and
 * the content is never opened in the page. The URL is revoked once the download has started.
 */
export function downloadBytes(bytes: Uint8Array, fileName: string, contentType: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], {
    type: contentType || 'application/octet-stream',
  });
  saveBlob(blob, fileName);
}

/** Saves a Blob as a file, for a download the user asked for. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
