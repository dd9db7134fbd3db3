// The PII filter on a table of texts people write: every personal detail becomes its typed placeholder, and
// dates, times, versions, prices, ordinary numbers and code stay exactly as they were.
import { describe, expect, it } from 'vitest';
import { redactPii } from '../../src/export/redact-pii.ts';

const REPLACED: Array<[string, string]> = [
  ['Mail me at jane.doe+bots@example.co.uk please', 'Mail me at [email] please'],
  ['(ALICE@Mail.Example.org)', '([email])'],
  ['Call +1 415 555 2671 tonight', 'Call [phone] tonight'],
  ['or (415) 555-2671.', 'or [phone].'],
  ['my number is 415-555-2671', 'my number is [phone]'],
  ['London: +44 20 7946 0958', 'London: [phone]'],
  ['dots 415.555.2671, link tel:+14155552671', 'dots [phone], link tel:[phone]'],
  ['two: +1 415 555 2671 and +49 30 901820', 'two: [phone] and [phone]'],
  ['Paris +33 1 23 45 67 89', 'Paris [phone]'],
  ['server at 192.168.1.20, gateway 10.0.0.1.', 'server at [ip], gateway [ip].'],
  ['v6 2001:db8::8a2e:370:7334 and ::1', 'v6 [ip] and [ip]'],
  ['mapped ::ffff:192.0.2.128 here', 'mapped [ip] here'],
  ['fe80::1ff:fe23:4567:890a%eth0', '[ip]%eth0'],
  ['clone https://bob:hunter2@git.example.com/repo.git now', 'clone [url-with-secret] now'],
  ['see https://api.example.com/v1/items?id=4&token=abc123.', 'see [url-with-secret].'],
  ['https://example.com/cb#access_token=xyz&state=1', '[url-with-secret]'],
  ['https://x.example/a?api_key=k1', '[url-with-secret]'],
  ['https://s3.example.com/f.png?X-Amz-Signature=deadbeef)', '[url-with-secret])'],
  ['https://maps.example.com/?key=AIzaSy', '[url-with-secret]'],
  ['https://cdn.example.com/a.png?ex=1&sig=Zm9v', '[url-with-secret]'],
  ['postgres://admin:s3cret@db.internal:5432/prod', '[url-with-secret]'],
  ['hook https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123', 'hook [url-with-secret]'],
  ['ask <@123456789012345678> or <@!223456789012345678>', 'ask [mention] or [mention]'],
  ['in <#323456789012345678>, ping <@&423456789012345678>', 'in [mention], ping [mention]'],
  ['my id is 123456789012345678', 'my id is [id]'],
  ['card 4111 1111 1111 1111 exp 12/27', 'card [number] exp 12/27'],
  ['card 4111-1111-1111-1111', 'card [number]'],
  ['amex 3782 822463 10005', 'amex [number]'],
  ['account 000123456789', 'account [number]'],
  ['IBAN digits 3704 0044 0532 0130 00', 'IBAN digits [number]'],
];

const KEPT = [
  'On 2024-01-15 at 12:30:45 we met; by 15/01/2024 it was done.',
  'Two dates: 2024-01-15 2024-02-15.',
  'Upgrade from 1.2.3 to v1.10.0 or 2.0.0-rc.1; Windows 10.0.19045.',
  'Version v1.2.3.4 of the driver.',
  'It costs $19.99, or €1,234.56, about 1,234,567 yen.',
  'In 2024 there were 3.14 cats per 100 people and 42 dogs.',
  'π is 3.14159265358979323846 to twenty places.',
  'The meeting is at 9:30 or 10:45, room 101.',
  'Count 1 2 3 4 5 6 7 8 9 10 11 12.',
  'std::vector<int> v; Foo::Bar::baz(); Abc::Def',
  'const x = a.b.c.d; arr[1234567] = 0x7fffffff; for (let i = 0; i < 10; i++) {}',
  '@Override public void run() {} and import x from "@scope/pkg@1.2.3";',
  'commit 3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b, uuid 123e4567-e89b-12d3-a456-426614174000',
  'See https://example.com/docs?page=2&lang=en#install for details.',
  'Timestamp 1700000000 and port 8080 on localhost.',
  'MAC 00:1A:2B:3C:4D:5E and time 12:30:45.',
  'Ratio 16:9, score 3-2, ISBN 978-3-16-148410-0.',
  'SELECT * FROM votes WHERE id = 42 LIMIT 100;',
  'Call 555-0100 (seven digits, no area code).',
];

describe('redactPii', () => {
  it.each(REPLACED)('replaces %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each(KEPT)('keeps %j', (text) => {
    expect(redactPii(text)).toBe(text);
  });
});
