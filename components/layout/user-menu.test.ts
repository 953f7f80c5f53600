import { describe, expect, it } from 'vitest';
import { parseMe } from './user-menu';

describe('parseMe', () => {
  it('reads auth off, signed in and signed out answers', () => {
    expect(parseMe({ authEnabled: false, user: null, role: 'viewer' })).toEqual({
      authEnabled: false,
      user: null,
      role: 'viewer',
      csrfToken: undefined,
    });
    expect(parseMe({ authEnabled: true, user: 'viewer', role: 'viewer', csrfToken: 'abc' })).toEqual({
      authEnabled: true,
      user: 'viewer',
      role: 'viewer',
      csrfToken: 'abc',
    });
    expect(parseMe({ authEnabled: true, user: null, role: null }).user).toBeNull();
  });
  it('refuses other shapes', () => {
    expect(() => parseMe(null)).toThrow();
    expect(() => parseMe({ user: 'x' })).toThrow();
  });
});
