// Which design a page opens with: a shared link wins, then a starter template named in the URL,
// then the autosaved draft, then the page's fallback.
import type { DesignDocument } from '@archlab/sim';
import type { Autosave } from './autosave.ts';
import { decodeDesign, sharedDesignIn } from './share-link.ts';

export interface InitialDesign {
  design: DesignDocument;
  /** Said to the user: where the design came from, or why a link could not be opened. */
  notice: string | null;
  /** The URL carried a design or a template that has now been loaded (the page can drop it from the URL). */
  consumedUrl: boolean;
}

export interface InitialDesignSources {
  hash: string;
  template: DesignDocument | null;
  autosave: Autosave;
  fallback: DesignDocument;
}

export async function loadInitialDesign(sources: InitialDesignSources): Promise<InitialDesign> {
  const shared = sharedDesignIn(sources.hash);
  let notice: string | null = null;
  if (shared !== null) {
    const result = await decodeDesign(shared);
    if (result.ok) {
      const issues = result.issues.length > 0 ? ` The engine still has ${result.issues.length} issue(s) with it (see Analysis).` : '';
      return { design: result.design, notice: `Opened the shared design "${result.design.name ?? 'untitled'}".${issues}`, consumedUrl: true };
    }
    notice = `The share link could not be opened: ${result.errors.join('; ')}`;
  }
  if (sources.template) return { design: sources.template, notice, consumedUrl: true };
  return { design: sources.autosave.load() ?? sources.fallback, notice, consumedUrl: shared !== null };
}
