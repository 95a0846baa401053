import { gzipSync } from 'node:zlib';
import { bodyAsUtf8, fetchUrl, type FetchUrlOptions, formatOfContentType, nonPublicReason, parseIPv6 } from '../../src/ingest/fetch-url.js';
import { articlePage, type ArticleServer, startArticleServer } from '../helpers/article-server.js';

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a private (carrier-grade NAT) address'],
    ['169.254.169.254', 'a link-local address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:169.254.1.1', 'a link-local address'],
    ['::127.0.0.1', 'a loopback address'],
    ['64:ff9b::10.0.0.1', 'a private address'],
    ['2002:7f00:1::', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['fd12:3456::1', 'a private (unique local) address'],
    ['fc00::1', 'a private (unique local) address'],
    ['fec0::1', 'a private (site-local) address'],
    ['ff02::1', 'a multicast address'],
    ['2001:db8::1', 'a documentation address'],
  ])('%s is %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2a00:1450:4009:81f::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it('parses IPv6 forms and refuses malformed ones', () => {
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('[2001:db8::1]')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7', '::ffff:999.1.1.1', 'g::1']) expect(parseIPv6(bad)).toBeNull();
    expect(nonPublicReason('not-an-ip')).toBe('not an IP address');
  });
});

describe('formatOfContentType and bodyAsUtf8', () => {
  it.each([
    ['text/html; charset=UTF-8', { format: 'html', mime: 'text/html', charset: 'utf-8' }],
    ['application/xhtml+xml', { format: 'html', mime: 'application/xhtml+xml', charset: null }],
    ['Text/Plain;charset="ISO-8859-1"', { format: 'txt', mime: 'text/plain', charset: 'iso-8859-1' }],
    ['text/markdown', { format: 'md', mime: 'text/markdown', charset: null }],
  ])('%s is readable', (header, expected) => {
    expect(formatOfContentType(header)).toEqual(expected);
  });

  it.each([undefined, '', 'image/png', 'application/pdf', 'application/octet-stream', 'application/json', 'text/htmlx'])('%s is not', (header) => {
    expect(formatOfContentType(header)).toBeNull();
  });

  it('re-encodes a declared charset to UTF-8 and leaves UTF-8 or unknown charsets alone', () => {
    expect(bodyAsUtf8(Buffer.from('café', 'latin1'), 'iso-8859-1').toString('utf8')).toBe('café');
    const utf8 = Buffer.from('café', 'utf8');
    expect(bodyAsUtf8(utf8, 'utf-8')).toBe(utf8);
    expect(bodyAsUtf8(utf8, 'no-such-charset')).toBe(utf8);
  });
});

describe('fetchUrl', () => {
  let site: ArticleServer;
  beforeAll(async () => {
    site = await startArticleServer({
      '/to-other-host': (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.2:${site.port}/news/flood-wall.html` });
        res.end();
      },
      '/to-named-host': (_req, res) => {
        res.writeHead(307, { location: `http://intranet.test:${site.port}/news/second.html` });
        res.end();
      },
      '/gzipped': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(gzipSync(articlePage('gz', 'Compressed page')));
      },
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 'a')));
      },
      '/odd-encoding': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'zstd-unknown' });
        res.end('x');
      },
      '/to-ftp': (_req, res) => {
        res.writeHead(302, { location: 'ftp://example.org/x' });
        res.end();
      },
    });
  });
  afterAll(() => site.close());
  const base: FetchUrlOptions = { timeoutMs: 2000, maxBytes: 256 * 1024, maxRedirects: 5, allowPrivate: true };

  it('checks the address of every hop: a redirect to a refused address stops there, before its request', async () => {
    site.requests.length = 0;
    const r = await fetchUrl(`${site.url}/to-other-host`, { ...base, checkAddress: (a) => (a === '127.0.0.2' ? 'a test-refused address' : null) });
    expect(r).toEqual({ ok: false, code: 'refused_address', reason: 'refused: 127.0.0.2, a test-refused address; only public addresses are fetched' });
    expect(site.requests).toEqual(['/to-other-host']);
  });

  it('resolves a redirect’s host name first and connects only to the address it checked', async () => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const r = await fetchUrl(`${site.url}/to-named-host`, { ...base, resolve });
    expect(r.ok && r.url).toBe(`http://intranet.test:${site.port}/news/second.html`);
    expect(r.ok && r.redirects).toEqual([`http://intranet.test:${site.port}/news/second.html`]);
    expect(asked).toEqual(['intranet.test']);
    const refused = await fetchUrl(`${site.url}/to-named-host`, {
      ...base,
      resolve,
      checkAddress: (a) => (asked.length > 1 && a === '127.0.0.1' ? 'checked again' : null),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'refused_address',
      reason: expect.stringContaining('intranet.test resolves to 127.0.0.1, checked again'),
    });
  });

  it('refuses a host with any non-public address among several, and one that does not resolve', async () => {
    const mixed = await fetchUrl('http://mixed.test/', {
      ...base,
      allowPrivate: false,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: 'fd00::5', family: 6 },
      ],
    });
    expect(mixed).toMatchObject({
      ok: false,
      code: 'refused_address',
      reason: expect.stringContaining('mixed.test resolves to fd00::5, a private (unique local) address'),
    });
    const missing = await fetchUrl('http://nowhere.invalid/', { ...base, allowPrivate: false });
    expect(missing).toMatchObject({ ok: false, code: 'dns', reason: 'could not find the host “nowhere.invalid”' });
  });

  it('refuses a redirect to a scheme it does not fetch', async () => {
    expect(await fetchUrl(`${site.url}/to-ftp`, base)).toMatchObject({ ok: false, code: 'invalid_url', reason: expect.stringContaining('not ftp') });
  });

  it('reads a compressed page, counts the cap after decompressing (a gzip bomb is too large), refuses an unknown encoding', async () => {
    const gz = await fetchUrl(`${site.url}/gzipped`, base);
    expect(gz.ok && gz.bytes.toString('utf8')).toContain('<h1>Compressed page</h1>');
    expect(await fetchUrl(`${site.url}/bomb`, base)).toMatchObject({ ok: false, code: 'too_large', reason: 'the page is larger than the limit of 256 kB' });
    expect(await fetchUrl(`${site.url}/odd-encoding`, base)).toMatchObject({ ok: false, reason: 'sent in an encoding that cannot be read (zstd-unknown)' });
  });

  it('says when nothing listens', async () => {
    const closed = await startArticleServer();
    const url = `${closed.url}/news/flood-wall.html`;
    await closed.close();
    expect(await fetchUrl(url, base)).toMatchObject({ ok: false, code: 'network', reason: 'could not fetch it: the connection was refused' });
  });
});
