// Each test file ends by releasing what it acquired through proc's registry (the shared Postgres cluster).
import { teardownAll } from '@archlab/proc';
import { afterAll } from 'vitest';

afterAll(() => teardownAll());
