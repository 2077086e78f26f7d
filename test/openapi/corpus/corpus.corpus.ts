/**
 * The corpus run (`npm run test:openapi-corpus`): every real vendor document converts to config that
 * validates, and at least 99% of all operations are served as their document declares.
 */
import { writeFileSync } from 'node:fs';
import { corpusNames } from './corpus-documents';
import { runDocument, type DocumentReport } from './run-document';

const reports: DocumentReport[] = [];

describe('the OpenAPI corpus', () => {
  test.each(corpusNames())('%s converts to config that mockdock validate accepts, and is served', async (name) => {
    const report = await runDocument(name);
    reports.push(report);
    expect(report.configIssues).toEqual([]);
  }, 600_000);

  afterAll(() => {
    const operations = reports.reduce((n, r) => n + r.operations, 0);
    const conformant = reports.reduce((n, r) => n + r.conformant, 0);
    const lines = reports.map((r) => `| \`${r.name}\` | ${r.version} | ${r.operations} | ${r.webhooks} | ${r.conformant} | ${r.convertMs} |`);
    const failures = reports.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`));
    const summary = [`${conformant} of ${operations} operations served conformant`, ...lines, ...failures].join('\n');
    if (process.env.CORPUS_REPORT) writeFileSync(process.env.CORPUS_REPORT, summary);
    console.log(summary);
  });

  test('at least 99% of all operations are served conformant', () => {
    // runs after the documents (jest keeps declaration order inside a file)
    const operations = reports.reduce((n, r) => n + r.operations, 0);
    const conformant = reports.reduce((n, r) => n + r.conformant, 0);
    expect(operations).toBeGreaterThan(0);
    expect(conformant / operations).toBeGreaterThanOrEqual(0.99);
  });
});
