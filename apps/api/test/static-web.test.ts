import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '@archlab/proc';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshStores, startTestApi, type Stores, type TestApi } from './helpers.ts';

/** A GET with the path sent exactly as written (fetch would normalize "..", which is what we test). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string; body: string; cache: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body, cache: String(res.headers['cache-control']) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app under /', () => {
  let stores: Stores;
  let server: TestApi;
  let dist: TempDir;
  let secret: TempDir;
  beforeAll(async () => {
    dist = await makeTempDir('archlab-dist-');
    secret = await makeTempDir('archlab-secret-');
    await mkdir(join(dist.path, 'assets'));
    await writeFile(join(dist.path, 'index.html'), '<!doctype html><title>archlab</title>');
    await writeFile(join(dist.path, 'assets', 'app-1234.js'), 'console.log("app")');
    await writeFile(join(secret.path, 'secret.txt'), 'do not serve');
    stores = await freshStores();
    server = await startTestApi(stores, { webDist: dist.path });
  });
  afterAll(async () => {
    await server?.api.close();
    await stores?.close();
    await dist?.remove();
    await secret?.remove();
  });

  test('serves index.html at / and for client-side routes, assets with long caching', async () => {
    const root = await rawGet(server.url, '/');
    expect(root).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache' });
    expect(root.body).toContain('<title>archlab</title>');
    expect((await rawGet(server.url, '/labs/rate-limiter?tab=files')).body).toContain('<title>archlab</title>');
    const asset = await rawGet(server.url, '/assets/app-1234.js');
    expect(asset).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', cache: 'public, max-age=31536000, immutable' });
  });

  test('never serves files outside dist, and /api/* never falls back to the app', async () => {
    const name = secret.path.split('/').at(-1);
    for (const path of [`/../${name}/secret.txt`, `/%2e%2e/${name}/secret.txt`, `/..%2f${name}%2fsecret.txt`, '/%00']) {
      const response = await rawGet(server.url, path);
      expect(response.body).not.toContain('do not serve');
    }
    const api = await rawGet(server.url, '/api/unknown');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toEqual({ error: { code: 'not-found', message: 'no route GET /api/unknown' } });
    expect((await rawGet(server.url, '/api/labs')).status).toBe(200);
  });
});
