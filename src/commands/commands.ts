/**
 * The ribbon's function file (manifest <FunctionFile>). The Home tab button opens the task pane
 * (ShowTaskpane) and needs no code; this page registers the one command that runs without the
 * pane: "Afficher les contrôles", which activates the Contrôles sheet the add-in generated when it
 * exists (`Contrôles (2)` when the workbook held a « Contrôles » of its own: found by the record
 * of generated sheets, never by name alone).
 */
import { officeExcelRun } from '../adapters/office/excel-host';
import { generatedControlsSheet } from '../adapters/office/read-sheets';

async function showControls(event: Office.AddinCommands.Event) {
  try {
    const name = await generatedControlsSheet(officeExcelRun);
    if (name) await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (!sheet.isNullObject) {
        sheet.activate();
        await context.sync();
      }
    });
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('showControls', showControls);
});
