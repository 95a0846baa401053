import { decodeBytes } from '../../src/ingest/decode.js';

describe('decodeBytes', () => {
  it('decodes UTF-8 and strips nothing but the BOM', () => {
    const r = decodeBytes(Buffer.from('\uFEFF“Quote” – £4,000', 'utf8'));
    expect(r).toEqual({ ok: true, text: '“Quote” – £4,000', encoding: 'utf-8', warnings: [] });
  });

  it('falls back to Windows-1252 for Latin-1 bytes, keeping £ as £, with a warning', () => {
    const r = decodeBytes(Buffer.from([0x43, 0x6f, 0x73, 0x74, 0x20, 0xa3, 0x35, 0x30, 0x2e, 0x20, 0x93, 0x48, 0x69, 0x94]));
    expect(r.ok && r.text).toBe('Cost £50. “Hi”');
    expect(r.ok && r.encoding).toBe('windows-1252');
    expect(r.ok && r.warnings[0]).toMatch(/not valid UTF-8/);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /^empty file$/],
    ['white space only', Buffer.from(' \n\n\t '), /empty file/],
    ['NUL bytes', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]), /binary file \(contains NUL bytes\)/],
    ['control characters', Buffer.from('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'.repeat(3)), /binary file \(\d+ control characters\)/],
  ])('rejects %s', (_name, bytes, reason) => {
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('rejects files over the size limit and names the limit', () => {
    const r = decodeBytes(Buffer.alloc(101, 0x61), 100);
    expect(!r.ok && r.reason).toBe('file too large: 101 bytes (limit 100)');
  });
});
