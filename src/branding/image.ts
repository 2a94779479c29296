import { defineEnum } from '../platform/enums.js';

/**
 * What a logo may be: a PNG or a JPEG, told by its first bytes (a file's name or declared type says
 * nothing reliable), and small. SVG is refused: it can carry script, and a logo is served to everyone.
 */
export const MAX_LOGO_BYTES = 200 * 1024;

/** The image types a logo may have (the CHECK area_branding_logo_type_known holds the column to them). */
export const LOGO_TYPES = defineEnum(['image/png', 'image/jpeg']);
export type LogoType = (typeof LOGO_TYPES.values)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/** The image type its magic bytes say, or undefined for anything else (SVG, GIF, PDF, text ...). */
export function logoTypeOf(bytes: Buffer): LogoType | undefined {
  if (bytes.length > PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length > JPEG_SIGNATURE.length && bytes.subarray(0, JPEG_SIGNATURE.length).equals(JPEG_SIGNATURE)) return 'image/jpeg';
  return undefined;
}
