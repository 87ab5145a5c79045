// Reading a design from outside (an imported file, a share link): JSON first, then the engine's own
// validation, so every complaint names the node, edge or field at fault. A well-formed draft that
// the engine still has issues with (a class with no way in yet) opens, with those issues listed, just
// as it was when it was saved; anything else is refused with the reasons.
import { formatIssue, validateDesign } from '@archlab/sim';
import type { DesignDocument } from '@archlab/sim';
import { isDraftShaped } from './draft-shape.ts';

export type DesignFileResult = { ok: true; design: DesignDocument; issues: string[] } | { ok: false; errors: string[] };

/** Largest file the canvas reads, bytes of text. */
export const MAX_DESIGN_FILE_CHARS = 5_000_000;
const MAX_LISTED_ERRORS = 12;

export function readDesignText(text: string): DesignFileResult {
  if (text.length > MAX_DESIGN_FILE_CHARS) return { ok: false, errors: [`the file is ${text.length.toLocaleString('en-US')} characters; designs are at most ${MAX_DESIGN_FILE_CHARS.toLocaleString('en-US')}`] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return readDesignValue(parsed);
}

export function readDesignValue(value: unknown): DesignFileResult {
  const validation = validateDesign(value);
  if (validation.ok) return { ok: true, design: validation.design, issues: [] };
  const listed = validation.issues.slice(0, MAX_LISTED_ERRORS).map(formatIssue);
  if (validation.issues.length > MAX_LISTED_ERRORS) listed.push(`and ${validation.issues.length - MAX_LISTED_ERRORS} more`);
  return isDraftShaped(value) ? { ok: true, design: value, issues: listed } : { ok: false, errors: listed };
}

/** The file an export writes: the versioned document, pretty-printed. */
export function designToText(design: DesignDocument): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}

export function designFileName(design: DesignDocument): string {
  const stem = (design.name ?? 'design').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'design';
  return `${stem}.archlab.json`;
}
