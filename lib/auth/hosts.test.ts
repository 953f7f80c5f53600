import { describe, expect, it } from 'vitest';
import { allowedHosts, hostAllowed, hostName } from './hosts';

describe('Host check (issue #17.9)', () => {
  it('a loopback-bound server answers its loopback names only', () => {
    const allowed = allowedHosts('127.0.0.1', undefined);
    for (const h of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', '[::1]:3000', 'localhost.:3000'])
      expect(hostAllowed(h, allowed), h).toBe(true);
    for (const h of ['evil.example:3000', 'rebind.127.0.0.1.nip.io:3000', '', 'a b', '127.0.0.2:3000', undefined])
      expect(hostAllowed(h, allowed), String(h)).toBe(false);
    expect(hostAllowed('localhost', allowedHosts('::1', undefined))).toBe(true);
  });

  it('configured names win; a leading dot allows subdomains; unknown binding allows any', () => {
    const allowed = allowedHosts('0.0.0.0', ['dash.example.com', '.corp.example']);
    expect(hostAllowed('dash.example.com', allowed)).toBe(true);
    expect(hostAllowed('a.corp.example:443', allowed)).toBe(true);
    expect(hostAllowed('corp.example', allowed)).toBe(true);
    expect(hostAllowed('localhost:3000', allowed)).toBe(false);
    expect(hostAllowed('evilcorp.example', allowed)).toBe(false);
    expect(allowedHosts('0.0.0.0', undefined)).toBeNull();
    expect(hostAllowed('anything', null)).toBe(true);
  });

  it('parses names, ports and IPv6 literals', () => {
    expect(hostName('Dash.Example:8080')).toBe('dash.example');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('x:99999999')).toBeNull();
    expect(hostName('user@host')).toBeNull();
  });
});
