// Preloaded by the benchmark (node --require): writes the process's peak resident memory (KB) on exit.
process.on('exit', () => {
  if (process.env.PILOTAGE_PEAK_FILE) require('node:fs').writeFileSync(process.env.PILOTAGE_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
