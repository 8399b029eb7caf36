/** A small, strict argument parser: unknown options are errors (exit 2), never ignored. */
export interface OptionSpec {
  name: string; // long name without dashes
  alias?: string; // one letter
  takesValue: boolean;
  repeatable?: boolean;
}

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  options: Record<string, string | boolean | string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], specs: OptionSpec[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {} };
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byAlias = new Map(specs.filter((s) => s.alias).map((s) => [s.alias!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const [n, v] = a.slice(2).split(/=(.*)/s, 2);
      spec = byName.get(n);
      inline = v;
      if (!spec) throw new UsageError(`option inconnue : ${a}`);
    } else if (/^-[a-zA-Z]$/.test(a)) {
      spec = byAlias.get(a.slice(1));
      if (!spec) throw new UsageError(`option inconnue : ${a}`);
    }
    if (!spec) {
      if (out.command === undefined && out.positionals.length === 0 && !a.startsWith('-')) out.command = a;
      else out.positionals.push(a);
      continue;
    }
    let value: string | boolean = true;
    if (spec.takesValue) {
      value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value.length > 1))
        throw new UsageError(`l'option --${spec.name} attend une valeur`);
    } else if (inline !== undefined) throw new UsageError(`l'option --${spec.name} ne prend pas de valeur`);
    if (spec.repeatable) out.options[spec.name] = [...((out.options[spec.name] as string[]) ?? []), value as string];
    else out.options[spec.name] = value;
  }
  return out;
}
