import { getKind } from '../server/src/kinds';
import { applies, findTransition, missingItems, setPath, transitionsFor } from '../server/src/lib/machine';
import { creditCodeCheck, idNumberCheck, isCreditCode, isIdNumber, isMobile } from '../server/src/lib/validators';

/** The pure rules of the workflow kinds; the HTTP behaviour is tested against a real cms in cms/tests. */
describe('identifier checks', () => {
  it('accepts credit codes with the right GB 32100 check character and rejects typos', () => {
    expect(isCreditCode('91320722MA1XJH8Q3R')).toBe(true);
    expect(isCreditCode('92320722MA1YJF6K27')).toBe(true);
    expect(isCreditCode('91320722MA1XJH8Q3A')).toBe(false);
    expect(isCreditCode('91320722MA1XJH8Q3')).toBe(false);
    expect(isCreditCode('91320722MA1XJH8QIR')).toBe(false); // I is not in the alphabet
    expect(creditCodeCheck('91320722MA20DH5P7')).toBe('Q');
  });

  it('accepts ID numbers with a real birth date and the GB 11643 check character', () => {
    expect(isIdNumber('32072219850612341X')).toBe(true);
    expect(isIdNumber('32072219850612341x')).toBe(true);
    expect(isIdNumber('320722198506123410')).toBe(false);
    expect(isIdNumber('320722198502303416')).toBe(false); // 30 February
    expect(idNumberCheck('32072219781103451')).toBe('5');
  });

  it('checks mainland mobile numbers', () => {
    expect(isMobile('13900000001')).toBe(true);
    expect(isMobile('12900000001')).toBe(false);
    expect(isMobile('1390000000')).toBe(false);
  });
});

describe('business registration rules', () => {
  const kind = getKind('business-registration')!;

  it('only lets the merchant submit and only staff review, with reasons for returns and rejections', () => {
    expect(transitionsFor(kind, 'filling', 'merchant').map((t) => t.to)).toEqual(['initial_review']);
    expect(transitionsFor(kind, 'filling', 'platform')).toEqual([]);
    expect(
      transitionsFor(kind, 'initial_review', 'platform')
        .map((t) => t.to)
        .sort(),
    ).toEqual(['onsite_check', 'rejected', 'returned']);
    expect(transitionsFor(kind, 'returned', 'merchant').map((t) => t.to)).toEqual(['initial_review']);
    expect(findTransition(kind, 'initial_review', 'approved')).toBeUndefined();
    expect(findTransition(kind, 'onsite_check', 'returned')?.noteRequired).toBe(true);
    expect(transitionsFor(kind, 'approved', 'platform')).toEqual([]);
  });

  it('asks each path only for what applies to it', () => {
    const fields = (data: Record<string, unknown>) => missingItems(kind, data, () => true).map((m) => m.field);
    const existing = fields({ path: 'existing', entityType: 'company' });
    expect(existing).toEqual(expect.arrayContaining(['companyName', 'creditCode', 'files.business_licence', 'files.bank_permit']));
    expect(existing).not.toContain('registeredCapital');
    const company = fields({ path: 'new', entityType: 'company' });
    expect(company).toEqual(expect.arrayContaining(['nameOptions.0', 'businessScope', 'registeredCapital', 'shareholders']));
    expect(company).not.toContain('files.business_licence');
    const individual = fields({ path: 'new', entityType: 'individual' });
    expect(individual).not.toContain('registeredCapital');
    expect(individual).not.toContain('shareholders');
  });

  it('wants shareholder ratios adding up to exactly 100 %', () => {
    const base = { path: 'new', entityType: 'company' };
    const check = (ratios: string[]) =>
      missingItems(kind, { ...base, shareholders: ratios.map((ratio, i) => ({ name: `股东${i}`, ratio })) }, () => true).filter((m) => m.field === 'shareholders');
    expect(check(['60', '40'])).toEqual([]);
    expect(check(['33.33', '33.33', '33.34'])).toEqual([]);
    expect(check(['60', '30'])).toHaveLength(1);
  });

  it('flags files that are not the merchant’s own uploads as invalid', () => {
    const missing = missingItems(kind, { path: 'existing', files: { business_licence: 'foreign' } }, () => false);
    expect(missing.find((m) => m.field === 'files.business_licence')?.reason).toBe('invalid');
  });
});

describe('data paths', () => {
  it('writes nested paths and array slots', () => {
    const data: Record<string, unknown> = {};
    setPath(data, 'legalPerson.name', '王建华');
    setPath(data, 'nameOptions.0', '东海县晶华水晶饰品有限公司');
    expect(data).toEqual({ legalPerson: { name: '王建华' }, nameOptions: ['东海县晶华水晶饰品有限公司'] });
    expect(
      applies(
        [
          { path: 'path', in: ['new'] },
          { path: 'entityType', in: ['company'] },
        ],
        { path: 'new', entityType: 'individual' },
      ),
    ).toBe(false);
  });
});

describe('filing kinds', () => {
  it('form a chain in guided order, each needing the previous one', () => {
    const order = ['customs-registration', 'eport-card', 'dxp-id', 'cloud-signature', 'enterprise-filing'];
    const kinds = order.map((k) => getKind(k)!);
    expect(kinds.map((k) => k.order)).toEqual([1, 2, 3, 4, 5]);
    kinds.slice(1).forEach((k, i) => expect(k.prerequisites).toEqual([order[i]]));
    for (const k of kinds) {
      expect(k.requiresRegistration).toBe(true);
      expect(k.mpPath('abc')).toBe(`packageFiling/pages/detail/index?kind=${k.kind}&id=abc`);
    }
  });
});
