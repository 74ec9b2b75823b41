import { aliasFor } from './lender-alias';

describe('aliasFor', () => {
  it.each([
    [0, 'Koperasi A'],
    [1, 'Koperasi B'],
    [25, 'Koperasi Z'],
    [26, 'Koperasi AA'],
    [27, 'Koperasi AB'],
    [701, 'Koperasi ZZ'],
    [702, 'Koperasi AAA'],
  ])('coop number %i is %s', (index, alias) => expect(aliasFor(index)).toBe(alias));
});
