import { openSecret, sealSecret } from '../server/src/services/config';
import { statusFromReturn } from '../server/src/lib/status';

describe('点点通 app secret at rest (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = sealSecret('key-material', 'ddt-secret-值');
    const b = sealSecret('key-material', 'ddt-secret-值');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ddt-secret');
    expect(openSecret('key-material', a)).toBe('ddt-secret-值');
  });

  it('refuses a wrong key and any tampering', () => {
    const sealed = sealSecret('key-material', 'ddt-secret');
    expect(() => openSecret('other-key', sealed)).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => openSecret('key-material', [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toThrow();
    expect(() => openSecret('key-material', 'plain-text')).toThrow('unknown secret format');
  });
});

describe('record status from customs returnStatus (DOMAIN.md §1)', () => {
  it.each([
    [1, 'declaring'],
    [2, 'declaring'],
    [3, 'declaring'],
    [4, 'rejected'],
    [100, 'rejected'],
    [-1, 'rejected'],
    [120, 'stored'],
    [300, 'reviewing'],
    [399, 'reviewed'],
    [500, 'inspecting'],
    [800, 'released'],
    [899, 'released'],
  ])('%i → %s', (code, status) => {
    expect(statusFromReturn('inventory', code)).toBe(status);
  });
  it('an approved cancellation is 撤销成功', () => {
    expect(statusFromReturn('cancellation', 399)).toBe('approved');
  });
});
