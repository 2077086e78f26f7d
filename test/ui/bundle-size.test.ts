import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// The UI ships inside the server: everything the page loads, gzipped, stays under 300 KB (SPEC §11).
const ASSETS = path.join(__dirname, '../../dist/ui/assets');
const LIMIT = 300 * 1024;

it('keeps the built web UI under 300 KB gzipped, all of its assets together', () => {
  const files = fs.readdirSync(ASSETS).filter((f) => /\.(js|css)$/.test(f));
  expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]));
  const sizes = files.map((f) => ({ f, gz: gzipSync(fs.readFileSync(path.join(ASSETS, f)), { level: 9 }).length }));
  const total = sizes.reduce((a, s) => a + s.gz, 0);
  expect(total).toBeLessThan(LIMIT);
});

it('loads nothing from another origin: no CDN, works offline', () => {
  const text = fs.readdirSync(ASSETS).map((f) => fs.readFileSync(path.join(ASSETS, f), 'utf8')).join('\n');
  expect(text).not.toMatch(/(?:src|href)=["']https?:|@import\s+url\(["']?https?:|import\(["']https?:/);
});
