/**
 * The pane's first script (issue 25, item 1): Internet Explorer 11 (volume-licensed Office
 * 2016/2019) must parse it and show what is needed, in French, instead of a pane that never loads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';

const ROOT = path.resolve(__dirname, '../..');
const source = readFileSync(path.join(ROOT, 'src/taskpane/legacy-check.js'), 'utf8');

/** Runs the script against a container holding the loading text; `legacy`: the browser cannot compile modern syntax. */
function runIn(legacy: boolean) {
  const children: string[] = [];
  const box = {
    innerHTML: '<p>Chargement de Pilotage AVS…</p>',
    textContent: 'Chargement de Pilotage AVS…',
    getAttribute: () => null,
    appendChild: (n: { text: string }) => void children.push(n.text),
  };
  const timers: (() => void)[] = [];
  const sandbox: Record<string, unknown> = {
    document: {
      getElementById: (id: string) => (id === 'container' ? box : null),
      createElement: () => {
        const n = { text: '', appendChild: (t: string) => void (n.text += t) };
        return n;
      },
      createTextNode: (t: string) => t,
    },
  };
  sandbox.window = { setTimeout: (f: () => void) => void timers.push(f) };
  const context = vm.createContext(sandbox);
  if (legacy) vm.runInContext('Function = function () { throw new SyntaxError("Syntax error"); };', context);
  vm.runInContext(source, context);
  return { children, timers, window: sandbox.window as Record<string, unknown> };
}

describe('task pane: first script for old Excel versions', () => {
  it('is ES5: Internet Explorer 11 parses it', () => {
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
  });

  it('in Internet Explorer 11, says in French what is needed', () => {
    const { children, window } = runIn(true);
    expect(children[0]).toBe('Cette version d’Excel ne peut pas ouvrir Pilotage AVS');
    expect(children[1]).toMatch(/Internet Explorer 11 .*Microsoft 365.*Excel sur le web/);
    expect(window.pilotageAvsLegacy).toBe(true);
  });

  it('in a modern browser, leaves the pane alone; a pane that never starts is said after a while', () => {
    const { children, timers } = runIn(false);
    expect(children).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]();
    expect(children[0]).toBe('Le volet Pilotage AVS ne s’est pas chargé');
  });

  it('taskpane.html loads it as a plain script after the container; webpack copies it to dist/', () => {
    const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    expect(html.indexOf('<script src="legacy-check.js"></script>')).toBeGreaterThan(html.indexOf('id="container"'));
    expect(readFileSync(path.join(ROOT, 'webpack.config.js'), 'utf8')).toContain("{ from: 'src/taskpane/legacy-check.js', to: 'legacy-check.js' }");
  });
});
