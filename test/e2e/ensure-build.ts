/** Builds the pane with webpack in production mode when dist/ is missing or older than its sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))));
}

export function ensureBuild(): { built: boolean; ms: number } {
  const marker = path.join(DIST, 'taskpane.html');
  const sources = ['src', 'assets', 'webpack.config.js', 'manifest.xml', 'package.json'].map((p) => path.join(ROOT, p));
  const info = path.join(DIST, 'build-info.json');
  const production = existsSync(info) && JSON.parse(readFileSync(info, 'utf8')).mode === 'production';
  const stale = !production || !existsSync(marker) || Math.max(...sources.map(newest)) > statSync(marker).mtimeMs;
  if (!stale) return { built: false, ms: 0 };
  const t0 = Date.now();
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  return { built: true, ms: Date.now() - t0 };
}
