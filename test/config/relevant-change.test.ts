import { isRelevantChange } from '../../src/config/relevant-change';

describe('which changed paths trigger a reload', () => {
  const none = new Set<string>();

  it.each(['users.yaml', 'sub/orders.YML', 'api.json', '.', '__files/user.json', '__files/logo.png', '..data', '..2026_01_01_00_00_00.1/users.yaml', 'newfolder'])(
    '%s does',
    (p) => expect(isRelevantChange(p, none)).toBe(true),
  );

  it.each(['out.log', 'README.md', 'notes/todo.txt', 'sub/.users.yaml.swp~x'])('%s does not', (p) =>
    expect(isRelevantChange(p, none)).toBe(false),
  );

  it('a body file outside __files does, when the config in force reads it', () => {
    expect(isRelevantChange('bodies/report.csv', none)).toBe(false);
    expect(isRelevantChange('bodies/report.csv', new Set(['bodies/report.csv']))).toBe(true);
  });
});
