import { apiRootFromLinkHeader, wordPressRouteUrl } from './wordpress-api-root';

describe('apiRootFromLinkHeader', () => {
  const base = 'https://sokhcn.tuyenquang.gov.vn/';

  it('finds the root with pretty permalinks and without', () => {
    expect(apiRootFromLinkHeader('<https://sokhcn.tuyenquang.gov.vn/wp-json/>; rel="https://api.w.org/"', base)).toBe(
      'https://sokhcn.tuyenquang.gov.vn/wp-json/',
    );
    expect(
      apiRootFromLinkHeader('<http://127.0.0.1:8080/index.php?rest_route=/>; rel="https://api.w.org/"', base),
    ).toBe('http://127.0.0.1:8080/index.php?rest_route=/');
  });

  it('picks the API link among several, in one header or many', () => {
    const header =
      '<https://x.gov.vn/wp-json/wp/v2/pages/2>; rel="alternate"; type="application/json", ' +
      '<https://x.gov.vn/wp-json/>; rel="https://api.w.org/", <https://x.gov.vn/?p=2>; rel=shortlink';
    expect(apiRootFromLinkHeader(header, base)).toBe('https://x.gov.vn/wp-json/');
    expect(
      apiRootFromLinkHeader(
        ['<https://x.gov.vn/?p=2>; rel=shortlink', '<https://x.gov.vn/wp-json/>; rel="https://api.w.org/"'],
        base,
      ),
    ).toBe('https://x.gov.vn/wp-json/');
  });

  it('resolves a relative link against the page', () => {
    expect(apiRootFromLinkHeader('</portal/wp-json/>; rel="https://api.w.org/"', base)).toBe(
      'https://sokhcn.tuyenquang.gov.vn/portal/wp-json/',
    );
  });

  it('returns null when there is no API link', () => {
    expect(apiRootFromLinkHeader(undefined, base)).toBeNull();
    expect(apiRootFromLinkHeader('<https://x.gov.vn/?p=2>; rel=shortlink', base)).toBeNull();
  });
});

describe('wordPressRouteUrl', () => {
  it('appends the route to a /wp-json/ root', () => {
    expect(wordPressRouteUrl('https://x.gov.vn/wp-json/', 'wp/v2/posts', { slug: 'nhip-a', status: 'any' })).toBe(
      'https://x.gov.vn/wp-json/wp/v2/posts?slug=nhip-a&status=any',
    );
    expect(wordPressRouteUrl('https://x.gov.vn/portal/wp-json', '/wp/v2/posts/12', { force: true })).toBe(
      'https://x.gov.vn/portal/wp-json/wp/v2/posts/12?force=true',
    );
  });

  it('puts the route into rest_route for a site without pretty permalinks', () => {
    const url = new URL(
      wordPressRouteUrl('http://127.0.0.1:8080/index.php?rest_route=/', 'wp/v2/posts', {
        slug: 'nhip-a',
        skip: undefined,
      }),
    );
    expect(url.pathname).toBe('/index.php');
    expect(url.searchParams.get('rest_route')).toBe('/wp/v2/posts');
    expect(url.searchParams.get('slug')).toBe('nhip-a');
    expect(url.searchParams.has('skip')).toBe(false);
  });
});
