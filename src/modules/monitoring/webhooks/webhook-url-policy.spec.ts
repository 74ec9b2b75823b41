import { addressRefusal, urlOrigin, webhookUrlFormRefusal, webhookUrlRefusal } from './webhook-url-policy';

const dns =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    const found = table[host];
    if (!found) throw new Error(`ENOTFOUND ${host}`);
    return found;
  };

const resolver = dns({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'mixed.example.com': ['93.184.216.34', '10.0.0.5'],
  'internal.example.com': ['192.168.1.10'],
  'metadata.example.com': ['169.254.169.254'],
  'mapped.example.com': ['::ffff:10.1.2.3'],
  'v6local.example.com': ['fd00::1'],
  'empty.example.com': [],
});

describe('addressRefusal', () => {
  it.each([
    ['93.184.216.34', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:93.184.216.34', true],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.0.1', false],
    ['127.0.0.1', false],
    ['127.255.0.9', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.1.2.3', false],
    ['::ffff:169.254.169.254', false],
    ['not-an-ip', false],
  ])('%s public: %s', (address, allowed) => {
    expect(addressRefusal(address) === null).toBe(allowed);
  });
});

describe('webhookUrlFormRefusal', () => {
  it.each([
    ['https://hooks.example.com/kcx', true, true],
    ['http://hooks.example.com/kcx', true, false],
    ['http://127.0.0.1:8080/hook', true, false],
    ['http://localhost/hook', true, false],
    ['http://127.0.0.1:8080/hook', false, true],
    ['http://localhost:3000/hook', false, true],
    ['http://localhost.evil.com/hook', false, false],
    ['http://10.0.0.1/hook', false, false],
    ['http://[::1]/hook', false, false],
    ['https://user:pw@hooks.example.com/', true, false],
    ['https://user@hooks.example.com/', false, false],
    ['ftp://hooks.example.com/', false, false],
    ['file:///etc/passwd', false, false],
    ['not a url', false, false],
    [`https://hooks.example.com/${'a'.repeat(2000)}`, true, false],
  ])('%s (production %s) allowed: %s', (url, production, allowed) => {
    expect(webhookUrlFormRefusal(url, production) === null).toBe(allowed);
  });
});

describe('webhookUrlRefusal', () => {
  it.each([
    ['https://hooks.example.com/kcx', true, true],
    ['https://HOOKS.example.com:8443/kcx?token=x', true, true],
    ['https://93.184.216.34/kcx', true, true],
    ['https://mixed.example.com/', true, false],
    ['https://internal.example.com/', true, false],
    ['https://metadata.example.com/', true, false],
    ['https://mapped.example.com/', true, false],
    ['https://v6local.example.com/', true, false],
    ['https://empty.example.com/', true, false],
    ['https://unknown.example.com/', true, false],
    ['https://127.0.0.1/', true, false],
    ['https://10.1.2.3/', true, false],
    ['https://[::1]/', true, false],
    ['https://[::ffff:7f00:1]/', true, false],
    ['https://169.254.169.254/latest/meta-data', true, false],
    ['https://0x7f000001/', true, false],
    ['https://2130706433/', true, false],
    ['http://hooks.example.com/', true, false],
    // Outside production: https is judged the same; loopback http is allowed by name.
    ['https://internal.example.com/', false, false],
    ['https://127.0.0.1/', false, false],
    ['http://127.0.0.1:9999/hook', false, true],
    ['http://localhost/hook', false, true],
    ['https://hooks.example.com/kcx', false, true],
  ])('%s (production %s) allowed: %s', async (url, production, allowed) => {
    expect((await webhookUrlRefusal(url, production, resolver)) === null).toBe(allowed);
  });
});

describe('urlOrigin', () => {
  it('keeps scheme, host and port only', () => {
    expect(urlOrigin('https://hooks.example.com:8443/p/q?token=secret#x')).toBe('https://hooks.example.com:8443');
  });
});
