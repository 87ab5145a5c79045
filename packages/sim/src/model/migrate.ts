// Documents carry a version; older ones are upgraded one step at a time before validation, so a
// saved design keeps opening after the format changes. Version 1 is the first published format.
import { CURRENT_DESIGN_VERSION } from './schema.ts';

/** Upgrades a document of version n to version n + 1 (it must set `version` itself). */
export type DesignMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] upgrades version n to n + 1. None yet: version 1 is the only format. */
export const designMigrations: Readonly<Record<number, DesignMigration>> = {};

export class DesignMigrationError extends Error {
  override readonly name = 'DesignMigrationError';
}

export interface MigrationResult {
  document: Record<string, unknown>;
  fromVersion: number;
  /** The versions that were upgraded from, in order. */
  applied: number[];
}

export function migrateDesign(
  input: unknown,
  migrations: Readonly<Record<number, DesignMigration>> = designMigrations,
  targetVersion: number = CURRENT_DESIGN_VERSION,
): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DesignMigrationError('a design document must be a JSON object');
  }
  const fromVersion = (input as Record<string, unknown>)['version'];
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 0) {
    throw new DesignMigrationError(`version: expected a non-negative integer, got ${JSON.stringify(fromVersion) ?? 'nothing'}`);
  }
  if (fromVersion > targetVersion) {
    throw new DesignMigrationError(`version ${fromVersion} is newer than this engine reads (${targetVersion}); update @archlab/sim`);
  }
  let document = input as Record<string, unknown>;
  const applied: number[] = [];
  for (let version = fromVersion; version < targetVersion; version++) {
    const step = migrations[version];
    if (!step) throw new DesignMigrationError(`no migration from version ${version} to ${version + 1}`);
    document = step(document);
    if (document['version'] !== version + 1) {
      throw new DesignMigrationError(`the migration from version ${version} did not produce version ${version + 1}`);
    }
    applied.push(version);
  }
  return { document, fromVersion, applied };
}
