/** Which names the watcher treats as editor or version-control noise. */
import { isWatchNoise } from '../../src/config/watch-noise';

describe('isWatchNoise', () => {
  it.each([
    '.users.yaml.swp',
    '.users.yaml.swo',
    '.users.yaml.swx',
    'users.yaml~',
    '.#users.yaml',
    '#users.yaml#',
    'users.yaml___jb_tmp___',
    'users.yaml___jb_old___',
    'users.yaml.kate-swp',
    '.goutputstream-ABC123',
    '.subl1a2.tmp',
    '.git',
    '.DS_Store',
  ])('treats %s as noise', (name) => {
    expect(isWatchNoise(name)).toBe(true);
  });

  it.each([
    'users.yaml',
    'users.json',
    '..data',
    '..data_tmp',
    '..2026_01_01_00_00_00.123',
    '__files',
    'logo.png',
    'users.yaml.tmp',
    '.hidden.yaml',
    'swp',
  ])('reports %s', (name) => {
    expect(isWatchNoise(name)).toBe(false);
  });
});
