import { describe, expect, it } from 'vitest';
import { createDesignStore } from '../src/editor/design-store.ts';
import { emptyDesign } from '../src/editor/design-edits.ts';

function threeTier() {
  const store = createDesignStore(emptyDesign());
  const users = store.addComponent('client', { x: 0, y: 0 });
  const api = store.addComponent('service', { x: 200, y: 0 });
  const db = store.addComponent('sql-primary', { x: 400, y: 0 });
  store.connect(users, api);
  store.connect(api, db);
  return { store, users, api, db };
}

describe('design store', () => {
  it('names new components after their type and creates a request class with the first client', () => {
    const { store, users, api, db } = threeTier();
    expect([users, api, db]).toEqual(['users', 'api', 'db-primary']);
    const { design } = store.getState();
    expect(design.classes).toEqual([{ id: 'requests', rate: 100, source: 'users', kind: 'read' }]);
    expect(design.edges.map((e) => [e.id, e.protocol])).toEqual([
      ['users-api', 'https'],
      ['api-db-primary', 'sql'],
    ]);
    expect(store.addComponent('service', { x: 0, y: 0 })).toBe('api-2');
  });

  it('refuses connections that loop, repeat or enter a client, with a notice', () => {
    const { store, users, api, db } = threeTier();
    expect(store.connect(db, api)).toBeNull();
    expect(store.getState().notice).toBe('Cannot connect db-primary to api: requests would loop back to db-primary.');
    expect(store.connect(api, users)).toBeNull();
    expect(store.getState().notice).toContain('clients only send requests');
    expect(store.connect(users, api)).toBeNull();
    expect(store.getState().design.edges).toHaveLength(2);
  });

  it('undoes and redoes edits, and a whole drag is one step', () => {
    const { store, api } = threeTier();
    const before = store.getState().design;
    store.moveNodes(new Map([[api, { x: 210, y: 5 }]]), 'dragging');
    store.moveNodes(new Map([[api, { x: 260, y: 40 }]]), 'dragging');
    store.moveNodes(new Map(), 'done');
    expect(store.getState().design.nodes.find((n) => n.id === api)?.position).toEqual({ x: 260, y: 40 });
    store.undo();
    expect(store.getState().design).toBe(before);
    store.redo();
    expect(store.getState().design.nodes.find((n) => n.id === api)?.position).toEqual({ x: 260, y: 40 });
  });

  it('moves do not bump the engine revision; property edits do', () => {
    const { store, api } = threeTier();
    const revision = store.getState().engineRevision;
    store.moveNodes(new Map([[api, { x: 1, y: 1 }]]), 'done');
    expect(store.getState().engineRevision).toBe(revision);
    store.setNodeProperty(api, 'instances', 4);
    expect(store.getState().engineRevision).toBe(revision + 1);
    expect(store.getState().design.nodes.find((n) => n.id === api)?.props).toEqual({ instances: 4 });
    store.setNodeProperty(api, 'instances', undefined);
    expect(store.getState().design.nodes.find((n) => n.id === api)?.props).toBeUndefined();
  });

  it('deletes the selection with the edges and classes that depended on it, undoably', () => {
    const { store, users } = threeTier();
    store.select([users]);
    store.deleteSelection();
    const { design, selectedNodes } = store.getState();
    expect(design.nodes.map((n) => n.id)).toEqual(['api', 'db-primary']);
    expect(design.edges.map((e) => e.id)).toEqual(['api-db-primary']);
    expect(design.classes).toEqual([]);
    expect(selectedNodes.size).toBe(0);
    store.undo();
    expect(store.getState().design.classes).toHaveLength(1);
  });

  it('copies and pastes components with fresh ids, their inner edges and their classes', () => {
    const { store, users, api } = threeTier();
    store.select([users, api]);
    expect(store.copySelection()).toBe(true);
    expect(store.paste()).toBe(true);
    const { design, selectedNodes, selectedEdges } = store.getState();
    expect([...selectedNodes]).toEqual(['users-2', 'api-2']);
    expect([...selectedEdges]).toEqual(['users-api-2']);
    expect(design.edges.find((e) => e.id === 'users-api-2')).toMatchObject({ from: 'users-2', to: 'api-2' });
    expect(design.classes.map((c) => [c.id, c.source])).toEqual([
      ['requests', 'users'],
      ['requests-2', 'users-2'],
    ]);
    expect(design.nodes.find((n) => n.id === 'api-2')?.position).toEqual({ x: 240, y: 40 });
  });

  it('renames a component everywhere it is referenced, and refuses bad names', () => {
    const { store, users, db } = threeTier();
    expect(store.renameNode(db, 'orders-db')).toBeNull();
    expect(store.getState().design.edges.find((e) => e.to === 'orders-db')?.from).toBe('api');
    expect(store.renameNode(users, 'api')).toBe('another component is already called api');
    expect(store.renameNode(users, 'has space')).toMatch(/^names are 1-64 letters/);
    expect(store.renameNode(users, 'web')).toBeNull();
    expect(store.getState().design.classes[0]?.source).toBe('web');
  });

  it('cut then paste puts the components back where they were', () => {
    const { store, api } = threeTier();
    store.select([api]);
    store.cutSelection();
    expect(store.getState().design.nodes.some((n) => n.id === api)).toBe(false);
    store.paste();
    expect(store.getState().design.nodes.find((n) => n.id === api)?.position).toEqual({ x: 200, y: 0 });
  });
});
