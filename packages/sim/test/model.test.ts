import { describe, expect, it } from 'vitest';
import {
  componentCatalogue,
  componentTypes,
  CURRENT_DESIGN_VERSION,
  DesignValidationError,
  formatIssue,
  migrateDesign,
  DesignMigrationError,
  parseDesign,
  propertyDescriptors,
  validateDesign,
} from '../src/index.ts';
import { webApp } from './designs.ts';

const messages = (input: unknown): string[] => {
  const result = validateDesign(input);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('component catalogue', () => {
  it('has at least 14 types, each with a behaviour, defaults and described properties with units', () => {
    expect(componentTypes.length).toBeGreaterThanOrEqual(14);
    for (const type of componentTypes) {
      const spec = componentCatalogue[type];
      expect(spec.type).toBe(type);
      for (const key of spec.properties) expect(propertyDescriptors[key].unit).toBeTypeOf('string');
    }
    expect(componentCatalogue.cache.properties).toContain('hitRatio');
    expect(componentCatalogue['sql-primary'].properties).toContain('standbys');
    expect(componentCatalogue['sql-primary'].properties).not.toContain('instances');
  });
});

describe('design validation', () => {
  it('accepts a valid design', () => {
    expect(messages(webApp())).toEqual([]);
    expect(parseDesign(webApp()).version).toBe(CURRENT_DESIGN_VERSION);
  });

  it('names the node, its type and the field for a bad property', () => {
    const design = webApp();
    design.nodes[3]!.props = { hitRatio: 1.5 };
    expect(messages(design)).toEqual(["node 'redis' (cache): props.hitRatio: Too big: expected number to be <=1"]);
  });

  it('rejects properties a component type does not have', () => {
    const design = webApp() as unknown as { nodes: { props?: Record<string, unknown> }[] };
    design.nodes[4]!.props = { instances: 3 };
    expect(messages(design)).toEqual([`node 'primary' (sql-primary): props: unknown field(s) "instances"`]);
  });

  it('names the edge for dangling references and unknown classes', () => {
    const design = webApp();
    design.edges.push({ id: 'api-search', from: 'api', to: 'search', classes: ['browse'] });
    expect(messages(design)).toEqual(["edge 'api-search': to: no node 'search'", "edge 'api-search': classes[0]: no request class 'browse'"]);
  });

  it('checks that routing shares sum to 1 per node and class', () => {
    const design = webApp();
    design.nodes.push({ id: 'api-b', type: 'service' });
    design.edges.push({ id: 'lb-api-b', from: 'lb', to: 'api-b', share: 0.3 });
    design.edges[1]!.share = 0.6;
    const issues = messages(design);
    expect(issues).toContain("node 'lb' (load-balancer): edges.share: class 'read': routing shares 'lb-api'=0.6, 'lb-api-b'=0.3 sum to 0.9, not 1");
    design.edges[1]!.share = 0.7;
    expect(messages(design)).toEqual([]);
  });

  it('reports cycles with the loop they make', () => {
    const design = webApp();
    design.edges.push({ id: 'replica-api', from: 'replica', to: 'api' });
    expect(messages(design)).toEqual(["node 'api' (service): requests would loop: api -> redis -> replica -> api"]);
  });

  it('requires classes to enter at a client that sends them somewhere', () => {
    const design = webApp();
    design.classes[0]!.source = 'lb';
    design.classes.push({ id: 'orphan', rate: 1, source: 'users' });
    design.edges[0]!.classes = ['read', 'write'];
    expect(messages(design)).toEqual([
      "class 'read': source: 'lb' is a load-balancer; classes enter at a client node",
      "class 'orphan': source: no edge out of 'users' carries this class",
    ]);
  });

  it('refuses both a service time and a capacity', () => {
    const design = webApp();
    design.nodes[2]!.props = { capacityPerInstanceRps: 500, serviceTime: { dist: 'exponential', meanMs: 4 } };
    expect(messages(design)).toEqual(["node 'api' (service): props: give serviceTime or capacityPerInstanceRps, not both"]);
  });

  it('throws a DesignValidationError that lists every issue', () => {
    const design = webApp();
    design.nodes[1]!.id = 'api';
    expect(() => parseDesign(design)).toThrow(DesignValidationError);
    expect(() => parseDesign(design)).toThrow(/duplicate id 'api' in nodes/);
  });
});

describe('migrations', () => {
  it('upgrades old versions one step at a time, then validates', () => {
    const v0 = { ...webApp(), version: 0, edges: webApp().edges.map(({ share, ...edge }) => ({ ...edge, weight: share })) };
    const migrations = {
      0: (doc: Record<string, unknown>) => ({
        ...doc,
        version: 1,
        edges: (doc['edges'] as Record<string, unknown>[]).map(({ weight, ...edge }) => (weight === undefined ? edge : { ...edge, share: weight })),
      }),
    };
    const migrated = migrateDesign(v0, migrations);
    expect(migrated.applied).toEqual([0]);
    expect(validateDesign(migrated.document).ok).toBe(true);
  });

  it('refuses documents from the future, without a version, or without a migration path', () => {
    expect(() => migrateDesign({ ...webApp(), version: CURRENT_DESIGN_VERSION + 1 })).toThrow(/newer than this engine reads/);
    expect(() => migrateDesign({ nodes: [] })).toThrow(DesignMigrationError);
    expect(() => migrateDesign({ ...webApp(), version: 0 })).toThrow('no migration from version 0 to 1');
    expect(messages({ ...webApp(), version: 7 })).toEqual([`design: version: version 7 is newer than this engine reads (${CURRENT_DESIGN_VERSION}); update @archlab/sim`]);
  });

  it('checks that a migration really produces the next version', () => {
    expect(() => migrateDesign({ version: 0 }, { 0: (doc) => doc })).toThrow('did not produce version 1');
  });
});
