import { isCellError, type CellError, type CellValue } from '../model/grid';
import { parseAmount } from './parse-amount';

/**
 * A formula cell written without its result (a file made by a script: `<f>SUM(C3:C9)</f>` and no
 * `<v>`) is worked out here when it is simple — numbers, cell references, + - * /, parentheses,
 * SUM/SOMME and SUBTOTAL/SOUS.TOTAL (9 or 109) — so that its money is read rather than lost.
 * Anything else (another function, another sheet, a name, an array) is not guessed: the cell
 * stays a `CellError` marked NO_RESULT, which no reading takes for zero or for an empty cell.
 */
/** `error`: the formula reads an error cell (« #REF! »): Excel shows that error, and so does the grid. */
export type FormulaResult = { ok: true; value: number } | { ok: false; reason: string; error?: string };

/** The error text of a formula cell without a stored result that could not be worked out. */
export const NO_RESULT = '#SANS_RESULTAT';

/** The marker an adapter puts in a formula cell without a stored result (the formula without '='). */
export function noResult(formula?: string): CellError {
  return formula ? { error: NO_RESULT, formula } : { error: NO_RESULT };
}

export function isNoResult(v: unknown): v is CellError & { error: typeof NO_RESULT } {
  return isCellError(v) && v.error === NO_RESULT;
}

/** Longest formula text worked out (Excel's own limit is 8 192). */
export const MAX_FORMULA_LENGTH = 2000;
/** Most cells one range may cover. */
export const MAX_RANGE_CELLS = 100_000;
/** Most cell reads one evaluation (or one sheet's, see resolveFormulaCells) may make. */
export const MAX_READS = 2_000_000;
/** Deepest chain of formula cells without results, each referring to the next. */
export const MAX_DEPTH = 100;

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

export interface EvaluateOptions {
  /** The sheet's extent, so that whole columns (`C:C`) and rows (`3:3`) are read up to it. */
  extent?: { rows: number; cols: number };
  /** Shared between the evaluations of one sheet: each formula cell worked out once. */
  memo?: Map<string, FormulaResult>;
  /** Shared between the evaluations of one sheet: the reads left. */
  budget?: { reads: number };
}

class Refused extends Error {
  constructor(
    reason: string,
    readonly error?: string,
  ) {
    super(reason);
  }
}
const refuse = (reason: string, error?: string): never => {
  throw new Refused(reason, error);
};

// ---------------------------------------------------------------- tokens

type Token =
  | { k: 'num'; v: number; at: number; end: number }
  | { k: 'ref'; col: number; row: number; colAbs: boolean; rowAbs: boolean; at: number; end: number }
  | { k: 'cols'; c1: number; c2: number; at: number; end: number }
  | { k: 'rows'; r1: number; r2: number; at: number; end: number }
  | { k: 'fn'; name: string; at: number; end: number }
  | { k: 'op'; v: string; at: number; end: number }
  | { k: 'str'; at: number; end: number };

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!])/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])/;
const ROWS = /^\$?([0-9]{1,7}):\$?([0-9]{1,7})(?![A-Za-z0-9_.(!])/;
const NUM = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*/;

function tokenize(f: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0') {
      i++;
      continue;
    }
    const rest = f.slice(i, i + 64);
    if (ch === '"') {
      // a text: kept whole (a shared formula's text is rebuilt from the tokens), never computed
      let j = i + 1;
      while (j < f.length && !(f[j] === '"' && f[j + 1] !== '"')) j += f[j] === '"' ? 2 : 1;
      if (j >= f.length) refuse('guillemet non fermé');
      out.push({ k: 'str', at: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === "'") refuse('référence à une autre feuille');
    if (ch === '{') refuse('tableau de valeurs');
    if (ch === '[') refuse('référence à un tableau structuré ou à un autre classeur');
    let m: RegExpExecArray | null;
    if ((m = ROWS.exec(rest))) {
      out.push({ k: 'rows', r1: Number(m[1]), r2: Number(m[2]), at: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if ((m = NUM.exec(rest))) {
      out.push({ k: 'num', v: Number(m[0]), at: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if ((m = REF.exec(rest))) {
      const col = columnNumber(m[2]);
      const row = Number(m[4]);
      if (col > MAX_COL || row < 1 || row > MAX_ROW) refuse(`nom « ${m[0]} »`);
      out.push({ k: 'ref', col, row, colAbs: m[1] === '$', rowAbs: m[3] === '$', at: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if ((m = COLS.exec(rest))) {
      out.push({ k: 'cols', c1: columnNumber(m[1]), c2: columnNumber(m[2]), at: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if (ch === '$') refuse('référence illisible');
    if ((m = NAME.exec(f.slice(i, i + 256)))) {
      const after = f.slice(i + m[0].length).trimStart();
      if (after[0] === '!') refuse('référence à une autre feuille');
      if (after[0] !== '(') refuse(`nom défini « ${m[0]} »`);
      out.push({ k: 'fn', name: m[0].toUpperCase(), at: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if ('+-*/(),;:%'.includes(ch)) {
      out.push({ k: 'op', v: ch, at: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '!') refuse('référence à une autre feuille');
    if ('&<>=^'.includes(ch)) refuse(`opérateur ${ch}`);
    refuse(`caractère « ${ch} »`);
  }
  return out;
}

// ---------------------------------------------------------------- syntax

type Node =
  | { k: 'num'; v: number }
  | { k: 'str' }
  | { k: 'ref'; col: number; row: number }
  | { k: 'range'; c1: number; r1: number; c2: number; r2: number; whole?: 'cols' | 'rows' }
  | { k: 'neg'; e: Node }
  | { k: 'pct'; e: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; name: string; args: Node[] };

function parse(tokens: Token[]): Node {
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (v: string) => tokens[i]?.k === 'op' && (tokens[i] as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v)) refuse(i < tokens.length ? 'formule mal formée' : 'formule incomplète');
    i++;
  };
  const sum = (): Node => {
    let a = product();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[i++] as { v: string }).v;
      a = { k: 'bin', op, a, b: product() };
    }
    return a;
  };
  const product = (): Node => {
    let a = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[i++] as { v: string }).v;
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      i++;
      return { k: 'neg', e: unary() };
    }
    if (isOp('+')) {
      i++;
      return unary();
    }
    let e = primary();
    while (isOp('%')) {
      i++;
      e = { k: 'pct', e };
    }
    return e;
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) return refuse('formule incomplète');
    i++;
    switch (t.k) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str' };
      case 'cols':
        return { k: 'range', c1: Math.min(t.c1, t.c2), c2: Math.max(t.c1, t.c2), r1: 1, r2: MAX_ROW, whole: 'cols' };
      case 'rows':
        return { k: 'range', r1: Math.min(t.r1, t.r2), r2: Math.max(t.r1, t.r2), c1: 1, c2: MAX_COL, whole: 'rows' };
      case 'ref': {
        if (!isOp(':')) return { k: 'ref', col: t.col, row: t.row };
        i++;
        const u = peek();
        if (u?.k !== 'ref') return refuse('plage mal formée');
        i++;
        return { k: 'range', c1: Math.min(t.col, u.col), c2: Math.max(t.col, u.col), r1: Math.min(t.row, u.row), r2: Math.max(t.row, u.row) };
      }
      case 'fn': {
        expect('(');
        const args: Node[] = [];
        if (!isOp(')'))
          for (;;) {
            args.push(sum());
            if (isOp(',') || isOp(';')) i++;
            else break;
          }
        expect(')');
        return { k: 'call', name: t.name, args };
      }
      case 'op':
        if (t.v === '(') {
          const e = sum();
          expect(')');
          return e;
        }
        return refuse('formule mal formée');
    }
    return refuse('formule mal formée');
  };
  const root = sum();
  if (i < tokens.length) refuse(isOp(',') || isOp(';') ? 'liste hors d’une fonction' : 'formule mal formée');
  return root;
}

// ---------------------------------------------------------------- evaluation

interface Context {
  cellAt: (col: number, row: number) => CellValue;
  extent?: { rows: number; cols: number };
  memo: Map<string, FormulaResult>;
  budget: { reads: number };
  visiting: Set<string>;
  depth: number;
}

const SUM_NAMES = new Set(['SUM', 'SOMME']);
const SUBTOTAL_NAMES = new Set(['SUBTOTAL', 'SOUS.TOTAL', '_XLFN.SUBTOTAL']);
const IS_SUBTOTAL = /\b(?:SUBTOTAL|SOUS\.TOTAL)\s*\(/i;

const address = (col: number, row: number) => `${columnName(col)}${row}`;

/** A cell's value as a number in a calculation (`inRange`: summed by SUM, where texts and booleans that are no amount are skipped). */
function cellNumber(ctx: Context, col: number, row: number, inRange: boolean, subtotal = false): number | undefined {
  if (--ctx.budget.reads < 0) refuse('calcul trop long');
  const v = ctx.cellAt(col, row);
  if (v === null || v === undefined) return inRange ? undefined : 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) refuse(`valeur illisible en ${address(col, row)}`);
    return v;
  }
  if (typeof v === 'boolean') return inRange ? undefined : v ? 1 : 0;
  if (typeof v === 'string') {
    const p = parseAmount(v);
    if (p.ok) return p.value;
    if (inRange || p.empty) return inRange ? undefined : 0;
    return refuse(`texte « ${v.length > 30 ? v.slice(0, 30) + '…' : v} » en ${address(col, row)}`);
  }
  if (v instanceof Date) return refuse(`date en ${address(col, row)}`);
  if (isNoResult(v)) {
    // a SUBTOTAL leaves out the subtotals in its range, as Excel does
    if (subtotal && v.formula && IS_SUBTOTAL.test(v.formula)) return undefined;
    const r = formulaCell(ctx, col, row, v.formula);
    // the reason names the cell at its root: « C9 : fonction VLOOKUP non prise en charge »
    if (!r.ok) return refuse(/^[A-Z]+\d+ : /.test(r.reason) ? r.reason : `${address(col, row)} : ${r.reason}`, r.error);
    return r.value;
  }
  if (isCellError(v)) return refuse(`${address(col, row)} vaut ${v.error}`, v.error);
  return refuse(`valeur illisible en ${address(col, row)}`);
}

/** A referenced formula cell without a stored result: worked out once, cycles and deep chains refused. */
function formulaCell(ctx: Context, col: number, row: number, formula: string | undefined): FormulaResult {
  const key = `${col},${row}`;
  const known = ctx.memo.get(key);
  if (known) return known;
  if (!formula) return { ok: false, reason: 'formule partagée non traduite' };
  if (ctx.visiting.has(key)) return { ok: false, reason: 'référence circulaire' };
  if (ctx.depth >= MAX_DEPTH) return { ok: false, reason: 'trop de formules en chaîne' };
  ctx.visiting.add(key);
  ctx.depth++;
  const r = evaluateIn(ctx, formula);
  ctx.depth--;
  ctx.visiting.delete(key);
  // a failure caused by a cycle is not kept: the same cell read from outside the cycle fails for its own reason
  if (r.ok || !/circulaire|trop long|en chaîne/.test(r.reason)) ctx.memo.set(key, r);
  return r;
}

function clampRange(ctx: Context, n: Extract<Node, { k: 'range' }>) {
  let { r2, c2 } = n;
  if (n.whole) {
    if (!ctx.extent) refuse(n.whole === 'cols' ? 'colonne entière' : 'ligne entière');
    r2 = Math.min(r2, ctx.extent!.rows);
    c2 = Math.min(c2, ctx.extent!.cols);
  }
  if ((r2 - n.r1 + 1) * (c2 - n.c1 + 1) > MAX_RANGE_CELLS) refuse(`plage de plus de ${MAX_RANGE_CELLS.toLocaleString('fr-FR')} cellules`);
  return { r1: n.r1, c1: n.c1, r2, c2 };
}

function sumArgs(ctx: Context, args: Node[], subtotal: boolean): number {
  let total = 0;
  for (const a of args) {
    if (a.k === 'range' || a.k === 'ref') {
      const { r1, c1, r2, c2 } = a.k === 'ref' ? { r1: a.row, c1: a.col, r2: a.row, c2: a.col } : clampRange(ctx, a);
      for (let r = r1; r <= r2; r++)
        for (let c = c1; c <= c2; c++) {
          const v = cellNumber(ctx, c, r, true, subtotal);
          if (v !== undefined) total += v;
        }
    } else total += num(ctx, a);
  }
  return total;
}

function num(ctx: Context, n: Node): number {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'str':
      return refuse('texte dans un calcul');
    case 'ref':
      return cellNumber(ctx, n.col, n.row, false)!;
    case 'range':
      return refuse('plage hors d’une somme');
    case 'neg':
      return -num(ctx, n.e);
    case 'pct':
      return num(ctx, n.e) / 100;
    case 'bin': {
      const a = num(ctx, n.a);
      const b = num(ctx, n.b);
      if (n.op === '+') return a + b;
      if (n.op === '-') return a - b;
      if (n.op === '*') return a * b;
      if (b === 0) refuse('division par zéro');
      return a / b;
    }
    case 'call': {
      if (SUM_NAMES.has(n.name)) return sumArgs(ctx, n.args, false);
      if (SUBTOTAL_NAMES.has(n.name)) {
        const [how, ...refs] = n.args;
        const code = how ? num(ctx, how) : NaN;
        if (code !== 9 && code !== 109) refuse(`${n.name === 'SOUS.TOTAL' ? 'SOUS.TOTAL' : 'SUBTOTAL'} autre qu’une somme (${Number.isNaN(code) ? '?' : code})`);
        if (!refs.length || refs.some((r) => r.k !== 'range' && r.k !== 'ref')) refuse('SUBTOTAL sur autre chose qu’une plage');
        return sumArgs(ctx, refs, true);
      }
      return refuse(`fonction ${n.name} non prise en charge`);
    }
  }
}

function evaluateIn(ctx: Context, formula: string): FormulaResult {
  try {
    let f = formula.trim();
    if (f.startsWith('=')) f = f.slice(1);
    if (f.length > MAX_FORMULA_LENGTH) refuse(`formule de plus de ${MAX_FORMULA_LENGTH.toLocaleString('fr-FR')} caractères`);
    if (f === '') refuse('formule vide');
    const value = num(ctx, parse(tokenize(f)));
    if (!Number.isFinite(value)) refuse('résultat hors limites');
    return { ok: true, value: Object.is(value, -0) ? 0 : value };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message, ...(e.error ? { error: e.error } : {}) };
    if (e instanceof RangeError) return { ok: false, reason: 'formule trop imbriquée' };
    throw e;
  }
}

/**
 * The value of a simple formula (with or without its '='), reading the sheet's cells through
 * `cellAt` (1-based column and row). Texts holding amounts count as amounts (`parseAmount`); a
 * referenced formula cell without a result (`noResult(formula)`) is worked out in turn.
 */
export function evaluateFormula(formula: string, cellAt: (col: number, row: number) => CellValue, opts: EvaluateOptions = {}): FormulaResult {
  const ctx: Context = {
    cellAt,
    extent: opts.extent,
    memo: opts.memo ?? new Map(),
    budget: opts.budget ?? { reads: MAX_READS },
    visiting: new Set(),
    depth: 0,
  };
  return evaluateIn(ctx, formula);
}

/**
 * Works out, in place, the formula cells without a stored result of one sheet's rows
 * (`rows[r][c]`, 0-based from A1, holding `noResult(formula)`): each one that is simple becomes its
 * number, the others stay marked. `at`: where they are, when the adapter knows (else every cell
 * is looked at). Returns how many stay marked.
 */
export function resolveFormulaCells(rows: CellValue[][], at?: { row: number; col: number }[]): number {
  const places: { row: number; col: number }[] = at ?? [];
  if (!at) rows.forEach((r, i) => r.forEach((v, j) => isNoResult(v) && places.push({ row: i, col: j })));
  if (!places.length) return 0;
  // row by row, so that a running balance (D3 = D2 + C3) is one step deep at each cell
  places.sort((a, b) => a.row - b.row || a.col - b.col);
  const cellAt = (col: number, row: number): CellValue => rows[row - 1]?.[col - 1] ?? null;
  const extent = { rows: rows.length, cols: rows.reduce((n, r) => Math.max(n, r.length), 0) };
  const memo = new Map<string, FormulaResult>();
  const budget = { reads: MAX_READS };
  let left = 0;
  for (const { row, col } of places) {
    const v = rows[row]?.[col];
    if (!isNoResult(v)) continue;
    const res = cellResult(cellAt, col + 1, row + 1, v.formula, { extent, memo, budget });
    if (res.ok) rows[row][col] = res.value;
    // a sum over an error cell is that error, as Excel shows it: the error cell is said where it is
    else if (res.error) rows[row][col] = { error: res.error };
    else left++;
  }
  return left;
}

function cellResult(cellAt: (col: number, row: number) => CellValue, col: number, row: number, formula: string | undefined, opts: Required<EvaluateOptions>): FormulaResult {
  const ctx: Context = { cellAt, extent: opts.extent, memo: opts.memo, budget: opts.budget, visiting: new Set(), depth: 0 };
  return formulaCell(ctx, col, row, formula);
}

/**
 * Why the formula cell without a stored result at rows[row][col] is not worked out (for the
 * finding that says so); `origin`: the sheet cell of rows[0][0] (A1 unless told).
 */
export function whyNotEvaluated(rows: CellValue[][], row: number, col: number, origin = { row: 1, col: 1 }): string {
  const v = rows[row]?.[col];
  if (!isNoResult(v)) return '';
  const cellAt = (c: number, r: number): CellValue => rows[r - origin.row]?.[c - origin.col] ?? null;
  const extent = { rows: rows.length + origin.row - 1, cols: rows.reduce((n, r) => Math.max(n, r.length), 0) + origin.col - 1 };
  const r = cellResult(cellAt, col + origin.col, row + origin.row, v.formula, { extent, memo: new Map(), budget: { reads: MAX_READS } });
  return r.ok ? '' : r.reason;
}

/**
 * A shared formula's text as it stands in another cell of its range: references moved by
 * (dRow, dCol) but for their `$` parts, texts kept. Undefined when a reference would leave the
 * sheet or the text cannot be read (the cell is then not worked out).
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string | undefined {
  if (formula.length > MAX_FORMULA_LENGTH) return undefined;
  let tokens: Token[];
  try {
    tokens = tokenizeForShift(formula);
  } catch {
    return undefined;
  }
  let out = '';
  let at = 0;
  for (const t of tokens) {
    if (t.k !== 'ref' && t.k !== 'cols' && t.k !== 'rows') continue;
    out += formula.slice(at, t.at);
    if (t.k === 'ref') {
      const col = t.colAbs ? t.col : t.col + dCol;
      const row = t.rowAbs ? t.row : t.row + dRow;
      if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return undefined;
      out += `${t.colAbs ? '$' : ''}${columnName(col)}${t.rowAbs ? '$' : ''}${row}`;
    } else return undefined; // whole columns or rows in a shared formula: not moved here
    at = t.end;
  }
  return out + formula.slice(at);
}

/** Tokens for shiftFormula: as `tokenize`, but a name or another sheet is no reason to stop (their references still move). */
function tokenizeForShift(f: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < f.length && !(f[j] === ch && f[j + 1] !== ch)) j += f[j] === ch ? 2 : 1;
      if (j >= f.length) throw new Error('quote');
      i = j + 1;
      continue;
    }
    if (ch === '[' || ch === '{') throw new Error('not moved');
    const rest = f.slice(i, i + 64);
    let m: RegExpExecArray | null;
    const prev = i > 0 ? f[i - 1] : '';
    const wordStart = !/[A-Za-z0-9_.$\\]/.test(prev);
    if (wordStart && (m = ROWS.exec(rest))) {
      out.push({ k: 'rows', r1: 0, r2: 0, at: i, end: i + m[0].length });
      i += m[0].length;
    } else if (wordStart && (m = NUM.exec(rest))) {
      i += m[0].length;
    } else if (wordStart && (m = REF.exec(rest))) {
      out.push({ k: 'ref', col: columnNumber(m[2]), row: Number(m[4]), colAbs: m[1] === '$', rowAbs: m[3] === '$', at: i, end: i + m[0].length });
      i += m[0].length;
    } else if (wordStart && (m = COLS.exec(rest))) {
      out.push({ k: 'cols', c1: 0, c2: 0, at: i, end: i + m[0].length });
      i += m[0].length;
    } else if (wordStart && (m = NAME.exec(f.slice(i, i + 256)))) {
      i += m[0].length;
    } else i++;
  }
  return out;
}
