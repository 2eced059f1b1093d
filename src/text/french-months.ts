/**
 * The French month names, January first. Spelled out rather than taken from Intl, whose
 * output depends on the ICU data Node ships.
 */
export const frenchMonths = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;
