/**
 * The CLI's own French messages about the run itself (the data's findings are in
 * src/core/checks/messages.ts). No English system text reaches the user unless `--verbose`.
 */
const IO_REASONS: Record<string, string> = {
  EACCES: 'accès refusé',
  EPERM: 'opération non permise',
  ENOENT: 'fichier ou dossier introuvable',
  EISDIR: "c'est un dossier, pas un fichier",
  ENOTDIR: "un élément du chemin n'est pas un dossier",
  ENOSPC: 'disque plein',
  EROFS: 'disque en lecture seule',
  EBUSY: 'fichier occupé par un autre programme',
  EMFILE: 'trop de fichiers ouverts',
  ENAMETOOLONG: 'nom de fichier trop long',
  EEXIST: 'le fichier existe déjà',
};

/** A system error code in French, e.g. EACCES → « accès refusé (EACCES) ». */
export function ioReason(code: string | undefined): string {
  if (!code) return 'erreur de lecture ou d’écriture';
  return `${IO_REASONS[code] ?? 'erreur système'} (${code})`;
}

export const ioCodes = new Set(Object.keys(IO_REASONS));

export function writeFailed(code: string | undefined, file: string | undefined): string {
  return `écriture impossible${file ? ` de ${file}` : ''} : ${ioReason(code)}. Vérifiez le dossier, les droits et la place disque, et que le fichier n'est pas ouvert dans Excel.`;
}

/** An unexpected exception: where, and what to do; its English text only with --verbose. */
export function internalError(file: string | undefined, verbose: boolean, detail: string): string {
  return (
    `Erreur interne${file ? ` pendant le traitement de ${file}` : ''} : l'outil a rencontré un cas imprévu. ` +
    (verbose
      ? `Détail technique :\n${detail}`
      : 'Relancez avec --verbose pour obtenir le détail technique et transmettez-le avec le fichier en cause à l’équipe qui maintient l’outil.')
  );
}
