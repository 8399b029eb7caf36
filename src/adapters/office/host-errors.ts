/**
 * Errors of office-js as French messages that say what to do. `OfficeExtension.Error.code` holds
 * one of Excel.ErrorCodes ("AccessDenied", "ItemAlreadyExists", "InvalidArgument"…): a lasting
 * cause (a protected sheet, a name taken, a value Excel refuses) fails the same way every time,
 * so its message never invites a plain retry; only a passing cause (connection, time-out, busy
 * host) does.
 */

/** `error.code` of an office-js error (OfficeExtension.Error), or '' when there is none. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Codes of causes that pass: a retry may work. */
const PASSING = new Set(['GeneralException', 'ConnectionFailure', 'Timeout', 'ServiceNotAvailable', 'ActivityLimitReached', 'RequestAborted', 'InternalError', 'Conflict', 'SyncTimeout']);

/** The cause passes (a retry may work) or lasts (the same action fails again until the user changes something). */
export const isPassing = (e: unknown) => {
  const code = errorCode(e);
  return code === '' || PASSING.has(code);
};

/** What the user must do, in French, for a lasting cause; undefined for a passing one. */
export function lastingAdvice(e: unknown): string | undefined {
  switch (errorCode(e)) {
    case 'AccessDenied':
      return "Excel refuse l'écriture : une feuille ou la structure du classeur est protégée, ou le classeur est ouvert en lecture seule. Ôtez la protection (Révision › Ôter la protection de la feuille / du classeur) ou ouvrez le classeur en modification, puis relancez";
    case 'ItemAlreadyExists':
      return 'Excel refuse un nom déjà pris dans le classeur (feuille, tableau ou nom défini dans Formules › Gestionnaire de noms) : renommez ou supprimez celui du classeur, puis relancez';
    case 'InvalidArgument':
    case 'InvalidBinding':
    case 'InvalidOperation':
    case 'InvalidOperationInCellEditMode':
    case 'InvalidReference':
    case 'InvalidSelection':
      return errorCode(e) === 'InvalidOperationInCellEditMode'
        ? "une cellule est en cours de saisie dans Excel : validez-la (Entrée) ou annulez-la (Échap), puis relancez"
        : "Excel refuse une valeur ou une opération, et la refusera de la même façon à chaque essai (une liste de plus de 255 caractères, un nom réservé, des cellules fusionnées sous un tableau…). Relancer ne suffit pas : notez ce message et le classeur, et transmettez-les à qui maintient Pilotage AVS";
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'PayloadSizeLimitExceeded':
      return 'la requête dépasse la limite de taille d’Excel (5 Mo sur le web) : utilisez Excel de bureau, ou réduisez le nombre de lignes';
    case 'ItemNotFound':
      return "un élément attendu (feuille, tableau) a disparu pendant l'écriture : quelqu'un d'autre modifie peut-être le classeur ; attendez qu'il ait fini, puis relancez";
    case 'UnsupportedOperation':
    case 'ApiNotFound':
    case 'NotImplemented':
    case 'UnsupportedFeature':
      return "cette version d'Excel ne sait pas faire cette opération : utilisez Excel de bureau (Microsoft 365) ou Excel sur le web à jour";
  }
  return undefined;
}

export const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
