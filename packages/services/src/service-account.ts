import { readFile } from 'node:fs/promises';

/** Who runs PostgreSQL: ourselves, or (as root, which initdb and postgres refuse) the `postgres` user. */
export interface ServiceAccount {
  /** The user name for spawnManaged's runAs; undefined when we run it as ourselves. */
  runAs?: string;
  uid?: number;
  gid?: number;
}

export type AccountLookup = { account: ServiceAccount } | { missing: string };

const serviceUser = 'postgres';

export async function postgresAccount(): Promise<AccountLookup> {
  if (process.getuid?.() !== 0) return { account: {} };
  let passwd = '';
  try {
    passwd = await readFile('/etc/passwd', 'utf8');
  } catch {
    // Without /etc/passwd there is no user to switch to; reported below.
  }
  const entry = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === serviceUser);
  const uid = Number(entry?.[2]);
  const gid = Number(entry?.[3]);
  if (!entry || !Number.isInteger(uid) || !Number.isInteger(gid)) {
    return { missing: `running as root and there is no '${serviceUser}' user to run PostgreSQL as (it refuses root)` };
  }
  return { account: { runAs: serviceUser, uid, gid } };
}
