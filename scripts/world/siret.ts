import type { Random } from './random';

/** Luhn check of a digit string (SIREN and SIRET both use it). */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `body + digit` pass Luhn. */
export function luhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(body + d)) return String(d);
  throw new Error('unreachable');
}

/** A SIRET of 14 digits whose SIREN (9) and SIRET (14) both pass Luhn; public bodies' SIREN start with 2. */
export function makeSiret(rnd: Random, publicBody: boolean): string {
  let body = String(publicBody ? 2 : rnd.int(3, 8));
  while (body.length < 8) body += rnd.int(0, 9);
  const siren = body + luhnDigit(body);
  const nic = '000' + rnd.int(1, 9);
  return siren + nic + luhnDigit(siren + nic);
}
