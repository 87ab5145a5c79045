// The design page's toolbar: undo/redo, layout, fail mode, and getting designs in and out
// (JSON import/export, share link, PNG/SVG pictures).
import { useReactFlow } from '@xyflow/react';
import { useRef, useState } from 'react';
import type { ChangeEvent, ReactNode, RefObject } from 'react';
import type { DesignSession } from '../editor/design-session.ts';
import { designFileName, designToText, readDesignText } from '../persistence/design-file.ts';
import { shareUrl } from '../persistence/share-link.ts';
import { downloadDataUrl, downloadText } from './download.ts';
import { renderDesignImage } from './image-export.ts';
import type { ImageFormat } from './image-export.ts';
import { useSessionState } from './use-session.ts';

export interface ToolbarProps {
  session: DesignSession;
  canvasRef: RefObject<HTMLDivElement | null>;
  failMode: boolean;
  onFailMode(on: boolean): void;
  onAutoLayout(): void;
  onShowShortcuts(): void;
  pageActions?: ReactNode;
}

type Message = { tone: 'info' | 'error'; title: string; lines: string[]; link?: string };

export function Toolbar({ session, canvasRef, failMode, onFailMode, onAutoLayout, onShowShortcuts, pageActions }: ToolbarProps) {
  const editor = useSessionState(session, (s) => s.editor);
  const layout = useSessionState(session, (s) => s.layout);
  const reactFlow = useReactFlow();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = readDesignText(await file.text());
    if (!result.ok) {
      setMessage({ tone: 'error', title: `${file.name} is not a design archlab can open:`, lines: result.errors });
      return;
    }
    session.store.replaceDesign(result.design);
    setMessage(
      result.issues.length > 0
        ? { tone: 'info', title: `Opened ${file.name}; the engine still has these issues with it:`, lines: result.issues }
        : { tone: 'info', title: `Opened ${file.name} (${result.design.nodes.length} components). Undo brings back what was here.`, lines: [] },
    );
  };

  const onExport = () => {
    const design = session.store.getState().design;
    downloadText(designFileName(design), designToText(design));
  };

  const onImage = async (format: ImageFormat) => {
    const element = canvasRef.current;
    if (!element) return;
    try {
      const url = await renderDesignImage(element, reactFlow.getNodes(), format);
      downloadDataUrl(designFileName(session.store.getState().design).replace(/\.archlab\.json$/, `.${format}`), url);
    } catch (error) {
      setMessage({ tone: 'error', title: `Could not export the ${format.toUpperCase()}:`, lines: [error instanceof Error ? error.message : String(error)] });
    }
  };

  const onShare = async () => {
    const page = new URL(window.location.href);
    page.hash = '';
    const url = await shareUrl(page.toString(), session.store.getState().design);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard permission (or no secure context): the link is shown to copy by hand.
    }
    setMessage({ tone: 'info', title: copied ? 'Share link copied. It carries the whole design; nothing is uploaded.' : 'Share link (it carries the whole design; nothing is uploaded):', lines: [], link: url });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Design tools">
      <button type="button" className="button" onClick={() => session.store.undo()} disabled={!editor.canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="button" onClick={() => session.store.redo()} disabled={!editor.canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <span className="toolbar-gap" />
      <button type="button" className="button" onClick={onAutoLayout} disabled={layout.status === 'running' || editor.design.nodes.length === 0} title="Auto-layout (Shift+L)">
        {layout.status === 'running' ? 'Laying out…' : 'Auto-layout'}
      </button>
      <button type="button" className={`button ${failMode ? 'danger active' : ''}`} aria-pressed={failMode} onClick={() => onFailMode(!failMode)} title="Click components to fail them">
        Fail mode
      </button>
      <span className="toolbar-gap" />
      <button type="button" className="button" onClick={() => fileRef.current?.click()}>
        Import
      </button>
      <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="import-file" onChange={(e) => void onImport(e)} />
      <button type="button" className="button" onClick={onExport}>
        Export JSON
      </button>
      <button type="button" className="button" onClick={() => void onImage('png')}>
        PNG
      </button>
      <button type="button" className="button" onClick={() => void onImage('svg')}>
        SVG
      </button>
      <button type="button" className="button" onClick={() => void onShare()}>
        Share link
      </button>
      <span className="toolbar-gap" />
      {pageActions}
      <button type="button" className="button" onClick={onShowShortcuts} title="Keyboard shortcuts" aria-label="Keyboard shortcuts">
        ?
      </button>
      {layout.error ? <span className="field-problem">{layout.error}</span> : null}
      {message ? (
        <div className={`toolbar-message ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          <strong>{message.title}</strong>
          {message.lines.length > 0 ? (
            <ul>
              {message.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          {message.link ? <input className="share-url" readOnly value={message.link} aria-label="Share link" onFocus={(e) => e.target.select()} /> : null}
          <button type="button" className="link-button" onClick={() => setMessage(null)}>
            close
          </button>
        </div>
      ) : null}
    </div>
  );
}
