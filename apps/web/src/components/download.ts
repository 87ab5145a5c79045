// Saving a file from the page: an object URL behind a temporary link, released right after.

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  try {
    clickLink(fileName, url);
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export function downloadDataUrl(fileName: string, dataUrl: string): void {
  clickLink(fileName, dataUrl);
}

function clickLink(fileName: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
