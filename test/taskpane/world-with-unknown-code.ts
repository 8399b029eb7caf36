/**
 * A generated world (seed 1, where every code is explained) plus one CAF export that codes its
 * prestation with codes the reference does not know and no legend explains: "PSX9" on three
 * centres sociaux, "ZK" on one. What the Correspondances step asks about, for certain.
 */
import { generateWorld } from '../../scripts/world/generate';
import { makeWorld } from '../../scripts/world/make-world';

export const SEED = 1;
export const EXPORT_FILE = 'CAF07_export_prestations_2019.csv';
/** The one sheet of a .csv is named after the file. */
export const EXPORT_SHEET = 'CAF07_export_prestations_2019';
export const UNKNOWN = { PSX9: 3, ZK: 1 };

export async function worldWithUnknownCode(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const world = await generateWorld(SEED);
  const cs = makeWorld(SEED).structures.filter((s) => s.kind === 'CS');
  const line = (i: number, code: string, amount: string) => [cs[i].name, cs[i].siret, cs[i].commune, '2019', code, amount];
  const rows = [["Nom de l'équipement", 'SIRET', 'Commune', 'Exercice', 'Prestation', 'Montant accordé'], line(0, 'PSX9', '12 500,00'), line(1, 'PSX9', '8 000,00'), line(2, 'PSX9', '4 250,50'), line(3, 'ZK', '1 800,00')];
  const csv = rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
  return [...world.files, { name: EXPORT_FILE, bytes: new TextEncoder().encode(csv) }];
}
