import { checkOutboundUrl, checkOutboundUrlSyntax, isPublicAddress, OutboundRefusedError } from './outbound-guard';

const refused = { allowPrivate: false };

describe('outbound guard', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.0.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fd12:3456::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:93.184.216.34', true],
    ['not-an-ip', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each([
    'http://2130706433/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://LOCALHOST/',
    'http://api.localhost/',
    'ftp://example.com/',
    'javascript:alert(1)',
    'http://admin:secret@example.com/',
    'not a url',
  ])('refuses %s without resolving anything', (url) => {
    expect(() => checkOutboundUrlSyntax(url, refused)).toThrow(OutboundRefusedError);
  });

  it('allows private hosts when the deployment says so, but never other schemes', () => {
    expect(checkOutboundUrlSyntax('http://192.168.1.10/wp', { allowPrivate: true }).host).toBe('192.168.1.10');
    expect(() => checkOutboundUrlSyntax('gopher://192.168.1.10/', { allowPrivate: true })).toThrow(
      /http:\/\/ hoặc https:\/\//,
    );
  });

  it('refuses localhost written with a trailing dot, and lets a public address through', async () => {
    await expect(checkOutboundUrl('http://localhost./', refused)).rejects.toThrow(OutboundRefusedError);
    await expect(checkOutboundUrl('https://93.184.216.34/', refused)).resolves.toBeInstanceOf(URL);
  });
});
