import { main } from '../../src/cli/main';

/** Runs the CLI in-process, as a user would from the shell, capturing its output. */
export async function runCli(args: string[], today = '2020-12-31') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), today: () => today });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
