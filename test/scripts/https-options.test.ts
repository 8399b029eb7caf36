/** scripts/https-options.js (npm run dev-server) with a fake office-addin-dev-certs: no system change. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { httpsOptions } = require('../../scripts/https-options.js') as {
  httpsOptions: (o: {
    devCerts: unknown;
    paths: Record<string, string>;
    warn: (m: string) => void;
  }) => Promise<Record<string, Buffer | string>>;
};

function setup(withFiles: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-certs-'));
  const paths = {
    dir,
    ca: path.join(dir, 'ca.crt'),
    cert: path.join(dir, 'localhost.crt'),
    key: path.join(dir, 'localhost.key'),
  };
  if (withFiles) for (const k of ['ca', 'cert', 'key'] as const) writeFileSync(paths[k], `${k}-pem`);
  return paths;
}
const failing = {
  getHttpsServerOptions: () =>
    Promise.reject(new Error('Unable to install the CA certificate. /bin/sh: 1: sudo: not found\n')),
};

describe('dev-server HTTPS options', () => {
  test('certificates installed: the options of office-addin-dev-certs, nothing printed', async () => {
    const warn = jest.fn();
    const ok = { getHttpsServerOptions: () => Promise.resolve({ ca: 'a', cert: 'c', key: 'k' }) };
    await expect(httpsOptions({ devCerts: ok, paths: setup(false), warn })).resolves.toEqual({
      ca: 'a',
      cert: 'c',
      key: 'k',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  test('authority not installed (no sudo) but certificate made: serves with it and says how to trust it', async () => {
    const warn = jest.fn();
    const paths = setup(true);
    const o = await httpsOptions({ devCerts: failing, paths, warn });
    expect({ ca: String(o.ca), cert: String(o.cert), key: String(o.key) }).toEqual({
      ca: 'ca-pem',
      cert: 'cert-pem',
      key: 'key-pem',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const text = warn.mock.calls[0][0] as string;
    expect(text).toContain(
      'autorité non installée : Unable to install the CA certificate. /bin/sh: 1: sudo: not found',
    );
    expect(text).toContain(`importez ${paths.ca} comme autorité de certification`);
  });

  test('no certificate at all: a French error saying what dev-server needs and the alternatives', async () => {
    const paths = setup(false);
    const err = await httpsOptions({ devCerts: failing, paths, warn: jest.fn() }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const text = (err as Error).message;
    expect(text).toContain('npm run dev-server : impossible de créer les certificats HTTPS de développement');
    expect(text).toContain(`écrire dans ${paths.dir}`);
    expect(text).toContain('npm run build et publier dist/');
  });
});
