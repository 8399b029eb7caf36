/**
 * The task pane on the fake Excel host (test/adapters/office/fake-excel.ts), for the in-Excel
 * paths in Chromium: the page puts the workbook's sheets in `window.FAKE_SHEETS` before this
 * script runs; the workbook is `window.fakeWorkbook` for the test to look at.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from '../../../src/taskpane/components/App';
import { excelHost } from '../../../src/taskpane/pane-host';
import { FakeWorkbook } from '../../adapters/office/fake-excel';

type Rows = Parameters<FakeWorkbook['addSheet']>[1];
const w = window as unknown as { FAKE_SHEETS?: { name: string; rows: Rows }[]; fakeWorkbook: FakeWorkbook };
const wb = new FakeWorkbook();
for (const s of w.FAKE_SHEETS ?? []) wb.addSheet(s.name, s.rows);
w.fakeWorkbook = wb;
createRoot(document.getElementById('container')!).render(
  <FluentProvider theme={webLightTheme}>
    <App host={excelHost(wb.run, { api19: true, api110: true, api113: false })} />
  </FluentProvider>,
);
