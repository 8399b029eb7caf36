import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { excelHost, standaloneHost } from './pane-host';

/**
 * Entry of the task pane. Inside Excel, Office.onReady gives the Excel host and the pane works on
 * the open workbook; opened in a plain browser (no host, or office.js unavailable) it runs
 * standalone on files and downloads the result.
 */
function start(inExcel: boolean) {
  const container = document.getElementById('container')!;
  // legacy-check.js: the pane started, no « ne s'est pas chargé » message
  container.setAttribute('data-started', '');
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={inExcel ? excelHost() : standaloneHost()} />
    </FluentProvider>,
  );
}

if (typeof Office !== 'undefined') Office.onReady((info) => start(info.host === Office.HostType.Excel));
else start(false);
