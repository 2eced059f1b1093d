import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The guides' fonts: DejaVu, read from the `dejavu-fonts-ttf` npm package so a fresh
 * install has them. TrueType (not WOFF2) because pdfkit subsets and embeds TrueType
 * glyphs as they are; DejaVu covers French (é, œ, ’, « », …) and the ballot boxes of
 * task lists (☐, ☑).
 */

export const fontNames = ['regular', 'bold', 'italic', 'boldItalic', 'mono'] as const;
export type FontName = (typeof fontNames)[number];

const files: Record<FontName, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let cache: Record<FontName, Buffer> | undefined;

/** The bytes of each font, read once per process. */
export function loadFonts(): Record<FontName, Buffer> {
  if (cache !== undefined) return cache;
  const packageDir = path.dirname(
    createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'),
  );
  const read = (name: FontName): Buffer => readFileSync(path.join(packageDir, 'ttf', files[name]));
  cache = {
    regular: read('regular'),
    bold: read('bold'),
    italic: read('italic'),
    boldItalic: read('boldItalic'),
    mono: read('mono'),
  };
  return cache;
}
