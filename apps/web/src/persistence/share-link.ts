// A design in a URL fragment: JSON, deflated and base64url-encoded after a format tag ("d1."), so a
// link carries the whole design, never reaches a server, and a later format can be told apart.
import type { DesignDocument } from '@archlab/sim';
import { readDesignValue } from './design-file.ts';
import type { DesignFileResult } from './design-file.ts';

const FORMAT_TAG = 'd1.';
/** Longest decoded design a link may carry, characters. */
const MAX_DECODED_CHARS = 2_000_000;
export const SHARE_PARAM = 'design';

export async function encodeDesign(design: DesignDocument): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(design));
  const deflated = await transform(bytes, new CompressionStream('deflate-raw'));
  return FORMAT_TAG + toBase64Url(deflated);
}

export async function decodeDesign(encoded: string): Promise<DesignFileResult> {
  if (!encoded.startsWith(FORMAT_TAG)) return { ok: false, errors: ['this link was made by another version of archlab (unknown format)'] };
  let text: string;
  try {
    const inflated = await transform(fromBase64Url(encoded.slice(FORMAT_TAG.length)), new DecompressionStream('deflate-raw'), MAX_DECODED_CHARS);
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    return { ok: false, errors: [`the link is damaged (${error instanceof Error ? error.message : String(error)}); ask for it again`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['the link is damaged (its design is not JSON); ask for it again'] };
  }
  return readDesignValue(value);
}

/** The page URL with the design in its fragment. */
export async function shareUrl(pageUrl: string, design: DesignDocument): Promise<string> {
  const url = new URL(pageUrl);
  url.hash = `${SHARE_PARAM}=${await encodeDesign(design)}`;
  return url.toString();
}

/** The encoded design in a URL fragment ("#design=d1...."), if any. */
export function sharedDesignIn(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_PARAM);
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close()).catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error('the design is too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('unexpected characters');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
