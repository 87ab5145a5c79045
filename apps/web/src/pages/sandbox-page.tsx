// The free design sandbox: any design, the design's own traffic, starter templates.
import { useState } from 'react';
import { DesignWorkspace } from '../components/design-workspace.tsx';
import { emptyDesign } from '../editor/design-edits.ts';
import { findTemplate, starterTemplates } from '../templates/starter-templates.ts';
import { useDesignPage } from './use-design-page.ts';

const fallback = emptyDesign('Sandbox design');

export default function SandboxPage() {
  // Read once: the page drops the template from the URL after loading it.
  const [template] = useState(() => findTemplate(new URLSearchParams(window.location.search).get('template') ?? '')?.design ?? null);
  const { session, notice } = useDesignPage({ storageKey: 'sandbox', fallback, template });
  if (!session) return <p className="loading">Opening the sandbox…</p>;
  const pageActions = (
    <>
      <select
        aria-label="Start from a template"
        value=""
        onChange={(e) => {
          const chosen = findTemplate(e.target.value);
          if (chosen) session.store.replaceDesign(chosen.design);
        }}
      >
        <option value="">Templates…</option>
        {starterTemplates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => session.store.replaceDesign(emptyDesign('Sandbox design'))} title="Clear the canvas (undo brings it back)">
        New
      </button>
    </>
  );
  return <DesignWorkspace session={session} pageActions={pageActions} pageNotice={notice} />;
}
