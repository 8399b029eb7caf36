import type { PlanAxis, Reference } from '../model/domain';
import { containsPhrase, normaliseText, tokens } from '../parse/normalise-text';

export interface PlanNode {
  code: string;
  label: string;
  level: 'axe' | 'objectif' | 'action';
  axis: string;
  objective?: string;
}

/** All plan nodes by code, and label lookup, built once per reference. */
export class PlanIndex {
  readonly nodes = new Map<string, PlanNode>();
  private labelTokens: { node: PlanNode; toks: string[] }[] = [];

  constructor(plan: PlanAxis[]) {
    for (const a of plan) {
      this.add({ code: a.code, label: a.label, level: 'axe', axis: a.code });
      for (const o of a.objectives) {
        this.add({ code: o.code, label: o.label, level: 'objectif', axis: a.code, objective: o.code });
        for (const ac of o.actions) this.add({ code: ac.code, label: ac.label, level: 'action', axis: a.code, objective: o.code });
      }
    }
  }

  private add(n: PlanNode) {
    this.nodes.set(n.code, n);
    this.labelTokens.push({ node: n, toks: tokens(n.label) });
  }

  get(code: string): PlanNode | undefined {
    return this.nodes.get(code);
  }

  /**
   * A plan node written on a partner's line: "3.1.1", "Axe 4", "4.1 Citoyenneté…", "Action 2.2.1",
   * or words of a plan label. Returns undefined when nothing is written, null when something is
   * written that names no node.
   */
  resolve(text: string | number | undefined | null): PlanNode | null | undefined {
    if (text === undefined || text === null) return undefined;
    let s = typeof text === 'number' ? String(text) : text.trim();
    if (!s) return undefined;
    s = s.replace(/,/g, '.');
    const code = /^(?:axe|objectif|action|fiche(?: action)?|n°|no)?\s*([1-9]\d?(?:\.\d{1,2}){0,2})\.?(?:\s|$|[-–:])/i.exec(s + ' ');
    if (code) {
      const c = code[1].replace(/\.0$/, '');
      return this.nodes.get(c) ?? null;
    }
    const toks = tokens(s);
    if (toks.length === 0) return null;
    let best: { node: PlanNode; score: number } | undefined;
    for (const { node, toks: lt } of this.labelTokens) {
      const meaningful = lt.filter((t) => t.length > 3);
      if (meaningful.length === 0) continue;
      const hit = meaningful.filter((t) => toks.includes(t)).length / meaningful.length;
      const exact = containsPhrase(toks, lt) ? 1 : 0;
      const score = Math.max(hit, exact);
      if (score >= 0.75 && (!best || score > best.score)) best = { node, score };
    }
    return best?.node ?? null;
  }

  axisOf(code: string): string | undefined {
    return this.nodes.get(code)?.axis;
  }

  /** Every plan code under a given node (itself included). */
  isUnder(code: string, ancestor: string): boolean {
    return code === ancestor || code.startsWith(ancestor + '.');
  }
}

export function planIndex(ref: Reference): PlanIndex {
  return new PlanIndex(ref.plan);
}

export { normaliseText };
