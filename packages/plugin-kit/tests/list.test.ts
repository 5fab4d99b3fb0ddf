import { ListQueryError, listResponse, parseListQuery, type ListSpec } from '../src/list';

const SPEC: ListSpec = {
  filters: {
    status: { ops: ['$eq', '$in'], values: ['open', 'closed'] },
    q: { ops: ['$containsi'], search: ['number', 'merchant.nameCn'] },
    merchant: { ops: ['$eq'], path: 'merchant.documentId' },
    amount: { ops: ['$gte', '$lte'], type: 'number' },
    stuck: { ops: ['$gte'], type: 'number', custom: true },
  },
  sort: ['createdAt', 'number'],
  defaultSort: [{ createdAt: 'desc' }],
};

function errorsOf(query: Record<string, unknown>): { field: string; message: string }[] {
  try {
    parseListQuery(query, SPEC);
  } catch (e) {
    if (e instanceof ListQueryError) return e.errors;
    throw e;
  }
  throw new Error('expected the query to be refused');
}

describe('parseListQuery (Strapi list format)', () => {
  it('reads pagination, filters and sort the way Strapi and @jmt/strapi-provider write them', () => {
    const list = parseListQuery(
      {
        pagination: { page: '3', pageSize: '10' },
        filters: { status: { $in: ['open', 'closed'] }, q: { $containsi: '晶华' }, merchant: { $eq: 'abc' }, amount: { $gte: '100.5' } },
        sort: 'number:asc',
      },
      SPEC,
    );
    expect(list).toMatchObject({ page: 3, pageSize: 10, offset: 20, limit: 10 });
    expect(list.where).toEqual({
      $and: [
        { status: { $in: ['open', 'closed'] } },
        { $or: [{ number: { $containsi: '晶华' } }, { merchant: { nameCn: { $containsi: '晶华' } } }] },
        { merchant: { documentId: { $eq: 'abc' } } },
        { amount: { $gte: 100.5 } },
      ],
    });
    // A stable order for paging: ties broken by id in the same direction.
    expect(list.orderBy).toEqual([{ number: 'asc' }, { id: 'asc' }]);
  });

  it('defaults, caps the page size and accepts the shorthand filters[field]=value', () => {
    const list = parseListQuery({ pagination: { pageSize: '100000' }, filters: { status: 'open' } }, SPEC);
    expect(list).toMatchObject({ page: 1, pageSize: 100 });
    expect(list.where).toEqual({ $and: [{ status: { $eq: 'open' } }] });
    expect(list.orderBy).toEqual([{ createdAt: 'desc' }, { id: 'desc' }]);
    expect(parseListQuery(undefined, SPEC).where).toEqual({});
  });

  it('hands custom filters to the service without making them columns', () => {
    const list = parseListQuery({ filters: { stuck: { $gte: '3' } } }, SPEC);
    expect(list.where).toEqual({});
    expect(list.filters.stuck).toEqual([{ op: '$gte', value: 3 }]);
  });

  it('leaves out one field for counts that ignore their own tab', () => {
    const list = parseListQuery({ filters: { status: { $eq: 'open' }, merchant: { $eq: 'abc' } } }, SPEC);
    expect(list.whereExcept('status')).toEqual({ $and: [{ merchant: { documentId: { $eq: 'abc' } } }] });
  });

  it('lets every list be asked for given documents (Refine getMany)', () => {
    expect(parseListQuery({ filters: { documentId: { $in: ['a', 'b'] } } }, SPEC).where).toEqual({ $and: [{ documentId: { $in: ['a', 'b'] } }] });
  });

  it('skips an empty search box', () => {
    expect(parseListQuery({ filters: { q: { $containsi: '' } } }, SPEC).where).toEqual({});
  });

  it('refuses, in Chinese and naming the parameter, every field, operator, value and sort it does not know', () => {
    const errors = errorsOf({
      filters: { secret: { $eq: 'x' }, status: { $ne: 'open' }, amount: { $gte: 'abc' }, merchant: { $eq: { nested: 1 } } },
      sort: 'password:asc',
    });
    expect(errors.map((e) => e.field)).toEqual(['filters.secret', 'filters.status', 'filters.amount', 'filters.merchant', 'sort']);
    expect(errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
  });

  it('bounds what a client may send: values, list lengths, nesting and the number of conditions', () => {
    expect(errorsOf({ filters: { status: { $eq: 'deleted' } } })[0].field).toBe('filters.status');
    expect(errorsOf({ filters: { q: { $containsi: 'x'.repeat(201) } } })[0].message).toMatch(/200/);
    expect(errorsOf({ filters: { status: { $in: Array.from({ length: 101 }, () => 'open') } } })[0].message).toMatch(/100/);
    expect(errorsOf({ filters: { a: { b: { c: { d: { e: { f: { $eq: 1 } } } } } } } })[0].message).toMatch(/层级/);
    expect(errorsOf({ filters: { $or: [{ status: 'open' }] } })[0].field).toBe('filters.$or');
  });

  it('answers in Strapi’s format', () => {
    expect(listResponse([1, 2], { page: 2, pageSize: 2 }, 5, { counts: { open: 1 } })).toEqual({
      data: [1, 2],
      meta: { pagination: { page: 2, pageSize: 2, pageCount: 3, total: 5 }, counts: { open: 1 } },
    });
  });
});
