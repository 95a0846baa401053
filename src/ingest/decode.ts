export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type DecodeResult = { ok: true; text: string; encoding: TextEncoding; warnings: string[] } | { ok: false; reason: string };

/**
 * Decodes a file's bytes: UTF-16 LE/BE when they start with its byte-order mark, else UTF-8 (BOM stripped),
 * else Windows-1252 (a superset of Latin-1's printable range) with a warning. Rejects empty, oversized and
 * binary (NUL-containing, or control characters) input.
 */
export function decodeBytes(bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_BYTES): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes.length > maxBytes) return { ok: false, reason: `file too large: ${bytes.length} bytes (limit ${maxBytes})` };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  // UTF-16 text is full of NUL bytes, so it is told by its BOM before the binary test
  if (utf16) return decodeUtf16(bytes, utf16);
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return checkText(text, 'utf-8', []);
  } catch {
    const text = decodeWindows1252(bytes);
    return checkText(text, 'windows-1252', ['not valid UTF-8; decoded as Windows-1252/Latin-1']);
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  if (bytes.length % 2) return { ok: false, reason: `not valid ${encoding.toUpperCase()}: odd number of bytes after a UTF-16 byte-order mark` };
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, reason: `not valid ${encoding.toUpperCase()}: unpaired surrogate after a UTF-16 byte-order mark` };
  }
  if (text.includes('\0')) return { ok: false, reason: 'binary file (contains NUL characters)' };
  return checkText(text, encoding, []);
}

function checkText(text: string, encoding: TextEncoding, warnings: string[]): DecodeResult {
  if (!text.trim()) return { ok: false, reason: 'empty file (only white space)' };
  // Control characters other than tab/newline/CR/form feed mean this is not prose.
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 1000)) return { ok: false, reason: `binary file (${controls} control characters)` };
  return { ok: true, text, encoding, warnings };
}

// Windows-1252's 0x80–0x9F (curly quotes, dashes, €); the rest of the byte range is Latin-1 (= Unicode code points).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node's TextDecoder treats "windows-1252" as ISO-8859-1, losing curly quotes; this maps the full table. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}
