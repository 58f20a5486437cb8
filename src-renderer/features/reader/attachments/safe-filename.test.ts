import { describe, expect, it } from 'vitest';
import { safeFilename } from './safe-filename';

describe('safeFilename', () => {
  it('keeps an ordinary name as it is, non-ASCII included', () => {
    expect(safeFilename('Quarterly report.pdf')).toBe('Quarterly report.pdf');
    expect(safeFilename('Übersicht 2026.xlsx')).toBe('Übersicht 2026.xlsx');
  });

  it('drops every directory part, Unix and Windows', () => {
    expect(safeFilename('../../.bashrc')).toBe('bashrc');
    expect(safeFilename('C:\\Windows\\System32\\evil.dll')).toBe('evil.dll');
    expect(safeFilename('/etc/passwd')).toBe('passwd');
    expect(safeFilename('..')).toBe('attachment');
  });

  it('removes control characters and direction overrides that disguise an extension', () => {
    expect(safeFilename('a\u0000b\r\nc\u0007.txt')).toBe('abc.txt');
    expect(safeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('replaces characters Windows refuses and avoids device names', () => {
    expect(safeFilename('what? "this" <is>*|:.txt')).toBe('what_ _this_ _is____.txt');
    expect(safeFilename('CON.txt')).toBe('_CON.txt');
    expect(safeFilename('nul')).toBe('_nul');
  });

  it('names a nameless part and shortens a long name, keeping its extension', () => {
    expect(safeFilename('')).toBe('attachment');
    expect(safeFilename(' . ')).toBe('attachment');
    const long = safeFilename(`${'x'.repeat(500)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
