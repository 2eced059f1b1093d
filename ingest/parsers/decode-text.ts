import { ParseError } from './types.ts';

/**
 * Bytes of a text source → a normalised string: strict UTF-8, no BOM, `\n` line ends.
 * Binary files are refused here so that no parser ever indexes garbage.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a text file as strict UTF-8, without BOM and with `\n` line ends, or throws `binary`. */
export function decodeText(bytes: Buffer, relativePath: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ParseError(
      'binary',
      `fichier binaire : ${relativePath} contient un octet nul (position ${nul}), ce n'est pas du texte`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new ParseError(
      'binary',
      `fichier illisible : ${relativePath} n'est pas encodé en UTF-8 (octet invalide vers la position ${firstInvalidUtf8(bytes)})`,
      { cause: error },
    );
  }
  return normaliseLineEnds(text);
}

/** Removes a leading BOM and turns CRLF / CR line ends into LF. */
export function normaliseLineEnds(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Index of the first byte that breaks UTF-8, to point the reader at it. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    const length = byte < 0x80 ? 1 : byte >> 5 === 0b110 ? 2 : byte >> 4 === 0b1110 ? 3 : 4;
    if (byte >= 0x80 && (byte < 0xc2 || byte > 0xf4)) return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next >> 6 !== 0b10) return i;
    }
    i += length;
  }
  return i;
}
