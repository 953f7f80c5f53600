import { describe, expect, it } from 'vitest';
import { redactText, safeErrorText } from './redact';

describe('redactText', () => {
  it('drops user info, query and fragment from URLs of any scheme', () => {
    expect(redactText('at http://hookuser:HOOKPASS@127.0.0.1:3969/hook?apikey=Q-XYZ#f then')).toBe(
      'at http://127.0.0.1:3969/hook then',
    );
    expect(redactText('nats://u:p@nats.local:4222 refused')).toBe('nats://nats.local:4222 refused');
    expect(redactText('postgres://audit:pw@db/x?sslmode=require')).toBe('postgres://db/x');
  });

  it('blanks secret-looking values and auth headers outside URLs', () => {
    expect(redactText('sasl password=abc123 user=bob')).toBe('sasl password=[redacted] user=bob');
    expect(redactText('{"apiKey": "k-1"} token:xyz')).toBe('{"apiKey": [redacted]} token:[redacted]');
    expect(redactText('sent Authorization: Bearer abc.def')).not.toContain('abc.def');
  });

  it('caps the length', () => {
    expect(redactText('x'.repeat(1_000))).toHaveLength(300);
  });
});

describe('safeErrorText', () => {
  it('adds the system codes of the causes and redacts the message', () => {
    const err = new TypeError('fetch failed for http://a:b@h/p?k=v', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(safeErrorText(err)).toBe('fetch failed for http://h/p (ECONNREFUSED)');
    expect(safeErrorText('plain')).toBe('plain');
  });
});
