// PNG and SVG pictures of the whole design (not just what is in view), drawn from the canvas DOM.
import { getNodesBounds, getViewportForBounds } from '@xyflow/react';
import type { Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

export type ImageFormat = 'png' | 'svg';

const PADDING = 0.08;
const MAX_SIDE = 4096;

export class ImageExportError extends Error {
  override readonly name = 'ImageExportError';
}

/** Renders the design into a data URL. `canvas` is the element holding the React Flow instance. */
export async function renderDesignImage(canvas: HTMLElement, nodes: Node[], format: ImageFormat): Promise<string> {
  const viewport = canvas.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new ImageExportError('the canvas is not ready yet');
  if (nodes.length === 0) throw new ImageExportError('the canvas is empty: there is nothing to export');
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(2, MAX_SIDE / Math.max(bounds.width, bounds.height, 1));
  const width = Math.ceil(Math.min(MAX_SIDE, bounds.width * scale * (1 + 2 * PADDING)));
  const height = Math.ceil(Math.min(MAX_SIDE, bounds.height * scale * (1 + 2 * PADDING)));
  const transform = getViewportForBounds(bounds, width, height, 0.05, 2, PADDING);
  const background = getComputedStyle(canvas).getPropertyValue('--canvas-bg').trim() || '#ffffff';
  const options = {
    backgroundColor: background,
    width,
    height,
    // System fonts only: nothing to embed, and nothing fetched.
    skipFonts: true,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${transform.x}px, ${transform.y}px) scale(${transform.zoom})` },
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}
