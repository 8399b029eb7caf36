/**
 * The ribbon's function file (manifest <FunctionFile>). The Home tab button opens the task pane
 * (ShowTaskpane) and needs no code; this page registers the one command that runs without the
 * pane: "Afficher les contrôles", which activates the Contrôles sheet when it exists.
 */
async function showControls(event: Office.AddinCommands.Event) {
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject('Contrôles');
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
