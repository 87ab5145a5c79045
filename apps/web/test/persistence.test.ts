import { builtInChallenges } from '@archlab/sim';
import { describe, expect, it, vi } from 'vitest';
import { createAutosave } from '../src/persistence/autosave.ts';
import type { KeyValueStorage } from '../src/persistence/autosave.ts';
import { designFileName, designToText, readDesignText } from '../src/persistence/design-file.ts';
import { loadInitialDesign } from '../src/persistence/initial-design.ts';
import { decodeDesign, encodeDesign, sharedDesignIn, shareUrl } from '../src/persistence/share-link.ts';
import { emptyDesign } from '../src/editor/design-edits.ts';

const reference = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!.reference;

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('share links', () => {
  it('round-trip a design through a compact URL fragment', async () => {
    const url = await shareUrl('http://127.0.0.1:4173/sandbox', reference);
    const encoded = sharedDesignIn(new URL(url).hash);
    expect(encoded).toMatch(/^d1\.[A-Za-z0-9_-]+$/);
    expect(encoded!.length).toBeLessThan(JSON.stringify(reference).length * 0.6);
    const decoded = await decodeDesign(encoded!);
    expect(decoded).toEqual({ ok: true, design: reference, issues: [] });
  });

  it('explain a damaged or foreign link instead of opening it', async () => {
    const encoded = await encodeDesign(reference);
    const damaged = await decodeDesign(`${encoded.slice(0, 20)}!!${encoded.slice(22)}`);
    expect(damaged).toMatchObject({ ok: false });
    expect(damaged.ok ? [] : damaged.errors[0]).toMatch(/^the link is damaged/);
    expect(await decodeDesign('x9.abc')).toEqual({ ok: false, errors: ['this link was made by another version of archlab (unknown format)'] });
  });
});

describe('design files', () => {
  it('export and import the versioned document', () => {
    const text = designToText(reference);
    expect(JSON.parse(text)).toEqual(reference);
    expect(readDesignText(text)).toEqual({ ok: true, design: reference, issues: [] });
    expect(designFileName(reference)).toBe('url-shortener-cache-aside-reads-replicated-store.archlab.json');
  });

  it('say exactly what is wrong with a bad file', () => {
    expect(readDesignText('{"version": 1,')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^not JSON: /)] });
    expect(readDesignText(JSON.stringify({ ...reference, version: 7 }))).toEqual({
      ok: false,
      errors: ['design: version: version 7 is newer than this engine reads (1); update @archlab/sim'],
    });
    const badType = { ...reference, nodes: [...reference.nodes, { id: 'x', type: 'mainframe' }] };
    const result = readDesignText(JSON.stringify(badType));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors[0]).toMatch(/^node 'x'/);
    expect(readDesignText('[1,2]')).toMatchObject({ ok: false });
  });

  it('open a well-formed draft and list what the engine still has against it', () => {
    const draft = { ...emptyDesign('half done'), nodes: [{ id: 'api', type: 'service' }] };
    const result = readDesignText(JSON.stringify(draft));
    expect(result).toEqual({ ok: true, design: draft, issues: ['design: classes: a design needs at least one request class'] });
  });
});

describe('autosave', () => {
  it('writes after a quiet period, once, and loads it back', () => {
    vi.useFakeTimers();
    try {
      const storage = memoryStorage();
      const autosave = createAutosave(storage, 'sandbox', 400);
      autosave.schedule(emptyDesign('one'));
      autosave.schedule(reference);
      expect(storage.data.size).toBe(0);
      vi.advanceTimersByTime(400);
      expect(JSON.parse(storage.data.get('archlab:design:sandbox')!)).toEqual(reference);
      expect(createAutosave(storage, 'sandbox').load()).toEqual(reference);
      autosave.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a corrupted draft rather than failing to open the page', () => {
    const storage = memoryStorage();
    storage.setItem('archlab:design:sandbox', '{"version":1,"nodes":[{"id":3}]');
    expect(createAutosave(storage, 'sandbox').load()).toBeNull();
    storage.setItem('archlab:design:sandbox', '{"version":1,"nodes":[{"id":"a","type":"teleporter"}],"edges":[],"classes":[]}');
    expect(createAutosave(storage, 'sandbox').load()).toBeNull();
  });
});

describe('the initial design', () => {
  it('prefers a share link, then a template, then the draft, then the fallback', async () => {
    const storage = memoryStorage();
    const autosave = createAutosave(storage, 'k', 0);
    const fallback = emptyDesign('fallback');
    const hash = `#design=${await encodeDesign(reference)}`;
    expect(await loadInitialDesign({ hash, template: fallback, autosave, fallback })).toMatchObject({ design: reference, consumedUrl: true });
    const broken = await loadInitialDesign({ hash: '#design=d1.AAAA', template: null, autosave, fallback });
    expect(broken.design).toBe(fallback);
    expect(broken.notice).toMatch(/^The share link could not be opened: /);
    autosave.schedule(reference);
    autosave.flush();
    expect((await loadInitialDesign({ hash: '', template: null, autosave, fallback })).design).toEqual(reference);
  });
});
