/** The manifest dist/ ships (defect 10): server address, AppDomains, development marking, XSD validity. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { manifestFor } = require('../../scripts/addin-manifest.js') as {
  manifestFor: (xml: string, o: { production: boolean; publicUrl?: string }) => { xml: string; development: boolean; url: string; warning?: string };
};

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const XSD = path.resolve(ROOT, '../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd');

function validate(xml: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'manifest-')), 'manifest.xml');
  writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
}

describe('add-in manifest for dist/', () => {
  it('with the README address: no localhost, every URL on the server, no AppDomain with a path, valid against the XSD', () => {
    const m = manifestFor(SOURCE, { production: true, publicUrl: 'https://intranet.exemple.fr/pilotage-avs/' });
    expect(m.development).toBe(false);
    expect(m.warning).toBeUndefined();
    expect(m.xml).not.toMatch(/localhost/);
    expect(m.xml).toContain('<SourceLocation DefaultValue="https://intranet.exemple.fr/pilotage-avs/taskpane.html"/>');
    expect(m.xml).toContain('DefaultValue="https://intranet.exemple.fr/pilotage-avs/assets/icon-32.png"');
    for (const [, d] of m.xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)) expect(new URL(d).origin).toBe(d);
    if (existsSync(XSD)) validate(m.xml);
  });

  it('an address without its final slash gives the same manifest', () => {
    expect(manifestFor(SOURCE, { production: true, publicUrl: 'https://intranet.exemple.fr/pilotage-avs' }).xml).toBe(
      manifestFor(SOURCE, { production: true, publicUrl: 'https://intranet.exemple.fr/pilotage-avs/' }).xml,
    );
  });

  it('a listed AppDomain is reduced to its origin', () => {
    const withDomain = SOURCE.replace('<Hosts>', '<AppDomains><AppDomain>https://localhost:3000/outils</AppDomain></AppDomains>\n  <Hosts>');
    const m = manifestFor(withDomain, { production: true, publicUrl: 'https://intranet.exemple.fr/pilotage-avs/' });
    expect(m.xml).toContain('<AppDomain>https://intranet.exemple.fr</AppDomain>');
    if (existsSync(XSD)) validate(m.xml);
  });

  it('a production build without ADDIN_PUBLIC_URL is loudly a development manifest', () => {
    const m = manifestFor(SOURCE, { production: true });
    expect(m.development).toBe(true);
    expect(m.warning).toMatch(/DÉVELOPPEMENT.*ADDIN_PUBLIC_URL/);
    expect(m.xml).toContain('<DisplayName DefaultValue="Pilotage AVS (DÉVELOPPEMENT, localhost)"/>');
    expect(m.xml).toMatch(/<!-- MANIFESTE DE DÉVELOPPEMENT/);
    if (existsSync(XSD)) validate(m.xml);
  });

  it('refuses an address that is not https', () => {
    expect(() => manifestFor(SOURCE, { production: true, publicUrl: 'http://intranet.exemple.fr/' })).toThrow(/https/);
    expect(() => manifestFor(SOURCE, { production: true, publicUrl: 'intranet' })).toThrow(/n'est pas une adresse/);
  });
});
