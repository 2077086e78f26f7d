import { queryList } from '../../src/responders/crud-query';

const items = [
  { id: 1, name: 'Ann', tags: ['x'], address: { city: 'Oslo' }, score: 3 },
  { id: 2, name: 'bob', address: { city: 'Rome' }, score: 10 },
  { id: 3, name: 'Cid', note: 'likes ANNA', score: 2 },
  { id: 4, name: 'Dee', active: true },
];

const ids = (q: Record<string, string | string[]>) => {
  const page = queryList(items, q, '/c');
  if (typeof page === 'string') throw new Error(page);
  return page.items.map((i) => i.id);
};

describe('the list query of a collection', () => {
  it('matches a filter value against the field as text, dotted paths included', () => {
    expect(ids({ id: '2' })).toEqual([2]);
    expect(ids({ active: 'true' })).toEqual([4]);
    expect(ids({ 'address.city': 'Rome' })).toEqual([2]);
    expect(ids({ missing: 'x' })).toEqual([]);
  });

  it('searches every string at any depth with q, ignoring case', () => {
    expect(ids({ q: 'ann' })).toEqual([1, 3]);
    expect(ids({ q: 'oslo' })).toEqual([1]);
    expect(ids({ q: '' })).toEqual([1, 2, 3, 4]);
  });

  it('sorts numbers as numbers and puts items without the field last, in either order', () => {
    expect(ids({ _sort: 'score' })).toEqual([3, 1, 2, 4]);
    expect(ids({ _sort: 'score', _order: 'desc' })).toEqual([2, 1, 3, 4]);
  });

  it('gives first and last always, prev and next only where they exist', () => {
    const page = queryList(items, { _page: '2', _limit: '3' }, '/c');
    expect(page).toEqual({
      items: [items[3]],
      total: 4,
      link: '</c?_page=1&_limit=3>; rel="first", </c?_page=1&_limit=3>; rel="prev", </c?_page=2&_limit=3>; rel="last"',
    });
    const empty = queryList([], { _page: '1' }, '/c');
    expect(empty).toEqual({ items: [], total: 0, link: '</c?_page=1&_limit=10>; rel="first", </c?_page=1&_limit=10>; rel="last"' });
  });

  it('explains a bad _page, _limit or _order', () => {
    expect(queryList(items, { _page: 'two' }, '/c')).toBe('_page must be a whole number from 1 up, not "two"');
    expect(queryList(items, { _limit: '0' }, '/c')).toBe('_limit must be a whole number from 1 up, not "0"');
    expect(queryList(items, { _sort: 'id', _order: 'sideways' }, '/c')).toBe('_order must be asc or desc, not "sideways"');
  });
});
