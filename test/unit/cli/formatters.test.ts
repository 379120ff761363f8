import * as assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { createJsonReporter, type JsonFinding } from '../../../src/cli/formatters/json';
import type { Reporter, RunSummary } from '../../../src/cli/formatters/reporter';
import { createSarifReporter, FINGERPRINT_KEY } from '../../../src/cli/formatters/sarif';
import { createTextReporter } from '../../../src/cli/formatters/text';
import { finding, SAMPLE_FINDINGS, SAMPLE_RULES, SAMPLE_TEXT } from './sampleFindings';
import { sarifProblems } from './sarifShape';

const SUMMARY: RunSummary = {
  filesLinted: 2,
  filesWithFindings: 1,
  counts: { error: 1, warning: 1, info: 1, style: 0 },
  problems: [],
};

function render(reporter: Reporter, files: Array<{ displayPath: string; text?: string; findings: typeof SAMPLE_FINDINGS }>, summary = SUMMARY): string {
  return (
    reporter.begin() +
    files.map((file) => reporter.file({ displayPath: file.displayPath, text: file.text ?? SAMPLE_TEXT, findings: file.findings })).join('') +
    reporter.end(summary)
  );
}

describe('text format', () => {
  it('prints file:line:column, severity, rule and message per finding, then a summary', () => {
    const out = render(createTextReporter({ colours: false }), [
      { displayPath: 'svc/Dockerfile', findings: SAMPLE_FINDINGS },
      { displayPath: 'clean/Dockerfile', findings: [] },
    ]);
    assert.equal(
      out,
      [
        'svc/Dockerfile:1:6: warning base-image-latest: Pin node to a version instead of :latest.',
        'svc/Dockerfile:2:1: error maintainer-deprecated: MAINTAINER is deprecated; use a LABEL.',
        'svc/Dockerfile:3:6: info user-root: The image runs as root.',
        '3 findings (1 error, 1 warning, 1 info) in 1 of 2 files.',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing was found, and colours only when asked', () => {
    const clean = { ...SUMMARY, filesWithFindings: 0, counts: { error: 0, warning: 0, info: 0, style: 0 } };
    assert.equal(render(createTextReporter({ colours: false }), [], clean), 'No findings in 2 files.\n');
    const coloured = render(createTextReporter({ colours: true }), [{ displayPath: 'D', findings: SAMPLE_FINDINGS.slice(1, 2) }]);
    assert.ok(coloured.includes('\u001b[31merror\u001b[0m'), JSON.stringify(coloured));
  });
});

describe('json format', () => {
  it('is one array of flat findings with 1-based positions, across files', () => {
    const out = render(createJsonReporter(), [
      { displayPath: 'a/Dockerfile', findings: SAMPLE_FINDINGS.slice(0, 1) },
      { displayPath: 'b/Dockerfile', findings: [] },
      { displayPath: 'c/Dockerfile', findings: SAMPLE_FINDINGS.slice(2) },
    ]);
    const parsed = JSON.parse(out) as JsonFinding[];
    assert.deepEqual(parsed, [
      {
        file: 'a/Dockerfile',
        line: 1,
        column: 6,
        endLine: 1,
        endColumn: 17,
        ruleId: 'base-image-latest',
        aliases: ['DL3007', 'AVD-DS-0001'],
        severity: 'warning',
        message: 'Pin node to a version instead of :latest.',
      },
      {
        file: 'c/Dockerfile',
        line: 3,
        column: 6,
        endLine: 3,
        endColumn: 10,
        ruleId: 'user-root',
        aliases: ['DL3002', 'AVD-DS-0002', 'CKV_DOCKER_8'],
        severity: 'info',
        message: 'The image runs as root.',
      },
    ]);
  });

  it('is an empty array when nothing was found', () => {
    assert.deepEqual(JSON.parse(render(createJsonReporter(), [{ displayPath: 'x', findings: [] }])), []);
  });
});

describe('sarif format', () => {
  const cwd = '/work/repo';
  const sarif = (files: Parameters<typeof render>[1], summary = SUMMARY, ruleDoc = (_id: string): string | undefined => undefined): Sarif.Log =>
    JSON.parse(render(createSarifReporter({ rules: SAMPLE_RULES, version: '1.2.3', ruleDoc, cwd }), files, summary)) as Sarif.Log;
  const runOf = (log: Sarif.Log): Sarif.Run => log.runs[0]!;
  const rulesOf = (log: Sarif.Log): Sarif.ReportingDescriptor[] => runOf(log).tool.driver.rules ?? [];
  const resultsOf = (log: Sarif.Log): Sarif.Result[] => runOf(log).results ?? [];
  const physical = (result: Sarif.Result | undefined): Sarif.PhysicalLocation => result?.locations?.[0]?.physicalLocation ?? {};

  it('is a valid SARIF 2.1.0 log with the rules, levels and 1-based regions', () => {
    const log = sarif([{ displayPath: 'svc/my app/Dockerfile', findings: SAMPLE_FINDINGS }]);
    assert.deepEqual(sarifProblems(log), []);
    const run = runOf(log);
    assert.equal(run.tool.driver.name, 'ecr-lint');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.deepEqual(
      rulesOf(log).map((rule): unknown[] => [rule.id, rule.defaultConfiguration?.level, rule.properties?.['security-severity']]),
      [
        ['user-root', 'warning', '5.5'],
        ['base-image-latest', 'warning', '5.5'],
        ['maintainer-deprecated', 'error', undefined],
      ],
    );
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
    assert.deepEqual(
      resultsOf(log).map((result) => [result.ruleId, result.ruleIndex, result.level]),
      [
        ['base-image-latest', 1, 'warning'],
        ['maintainer-deprecated', 2, 'error'],
        ['user-root', 0, 'note'],
      ],
    );
    const location = physical(resultsOf(log)[0]);
    assert.deepEqual(location.artifactLocation, { uri: 'svc/my%20app/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17, snippet: { text: 'FROM node:latest' } });
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('carries each rule page as help, and its first paragraph as the full description', () => {
    const page = '# user-root\n\nThe container runs as root, so a\nbreakout owns the host.\n\n## Fix\n\nAdd USER.\n';
    const log = sarif([], SUMMARY, (id) => (id === 'user-root' ? page : undefined));
    const [userRoot, latest] = rulesOf(log);
    assert.deepEqual(userRoot?.help, { text: page, markdown: page });
    assert.equal(userRoot?.fullDescription?.text, 'The container runs as root, so a breakout owns the host.');
    assert.equal(latest?.help?.text, 'Base image uses :latest\n\nAlso known as DL3007, AVD-DS-0001.');
  });

  it("prefers a rule's one-line summary as its full description, and puts it in the fallback help", () => {
    const rules = [{ ...SAMPLE_RULES[0]!, summary: 'The final stage must switch to a non-root USER.' }];
    const log = JSON.parse(
      render(createSarifReporter({ rules, version: '1', ruleDoc: (id) => (id === 'user-root' ? '# user-root\n\n**Category:** x\n' : undefined), cwd }), []),
    ) as Sarif.Log;
    const [rule] = rulesOf(log);
    assert.equal(rule?.fullDescription?.text, 'The final stage must switch to a non-root USER.');
    const withoutPage = JSON.parse(render(createSarifReporter({ rules, version: '1', ruleDoc: () => undefined, cwd }), [])) as Sarif.Log;
    assert.equal(
      rulesOf(withoutPage)[0]?.help?.text,
      'The image runs as root\n\nThe final stage must switch to a non-root USER.\n\nAlso known as DL3002, AVD-DS-0002, CKV_DOCKER_8.',
    );
  });

  it('fingerprints by rule, file, line text and repeat, so that moving a line keeps its fingerprint', () => {
    const twice = [finding('user-root', 'warning', [0, 0, 0, 9]), finding('user-root', 'warning', [2, 0, 2, 9])];
    const moved = [finding('user-root', 'warning', [1, 0, 1, 9]), finding('user-root', 'warning', [3, 0, 3, 9])];
    const before = sarif([{ displayPath: 'D', text: 'USER root\nRUN x\nUSER root\n', findings: twice }]);
    const after = sarif([{ displayPath: 'D', text: '# moved\nUSER root\nRUN x\nUSER root\n', findings: moved }]);
    const prints = (log: Sarif.Log): Array<string | undefined> => resultsOf(log).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY]);
    assert.equal(prints(before).length, 2);
    assert.ok(prints(before).every((print) => typeof print === 'string' && /^[0-9a-f]{64}$/.test(print)));
    assert.deepEqual(prints(after), prints(before));
    assert.notEqual(prints(before)[0], prints(before)[1], 'two identical lines get different fingerprints');
  });

  it('reports unreadable inputs as failed execution notifications and keeps absolute paths outside the folder', () => {
    const summary: RunSummary = {
      ...SUMMARY,
      problems: [{ displayPath: 'missing/Dockerfile', message: 'cannot read it: no such file or folder', fatal: true }],
    };
    const log = sarif([{ displayPath: '/elsewhere/Dockerfile', findings: SAMPLE_FINDINGS.slice(0, 1) }], summary);
    assert.deepEqual(sarifProblems(log), []);
    assert.deepEqual(physical(resultsOf(log)[0]).artifactLocation, { uri: 'file:///elsewhere/Dockerfile' });
    const invocation = runOf(log).invocations?.[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.equal(invocation?.toolExecutionNotifications?.[0]?.message.text, 'missing/Dockerfile: cannot read it: no such file or folder');
  });

  it('never writes a region that ends before it starts', () => {
    const log = sarif([{ displayPath: 'D', findings: [finding('user-root', 'warning', [2, 4, 1, 0])] }]);
    assert.deepEqual(sarifProblems(log), []);
    const region = physical(resultsOf(log)[0]).region;
    assert.deepEqual([region?.startLine, region?.startColumn, region?.endLine, region?.endColumn], [3, 5, 3, 5]);
  });

  it('appends a rule that the rule list lacks, so that every ruleIndex resolves', () => {
    const log = sarif([{ displayPath: 'D', findings: [finding('new-rule', 'style', [0, 0, 0, 1])] }]);
    assert.deepEqual(sarifProblems(log), []);
    assert.equal(resultsOf(log)[0]?.ruleIndex, 3);
    assert.equal(rulesOf(log)[3]?.id, 'new-rule');
  });
});

describe('the SARIF shape check itself', () => {
  it('catches what GitHub would refuse', () => {
    const broken = {
      version: '2.0.0',
      runs: [
        {
          tool: { driver: { name: '', rules: [{ id: 'a', shortDescription: { text: 'x' } }] } },
          results: [
            { ruleId: 'b', ruleIndex: 0, level: 'fatal', message: { text: 'm' }, locations: [] },
            {
              ruleId: 'a',
              message: { text: 'm' },
              extra: true,
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a b', uriBaseId: 'NOPE' }, region: { startLine: 0, endLine: 1 } } }],
            },
          ],
        },
      ],
    };
    assert.deepEqual(sarifProblems(broken), [
      '$.version: must be "2.1.0"',
      '$.$schema: must be a non-empty string',
      '$.runs[0].tool.driver.name: must be a non-empty string',
      '$.runs[0].results[0].ruleIndex: points at a but ruleId is b',
      '$.runs[0].results[0].level: must be one of none, note, warning, error',
      '$.runs[0].results[0].locations: GitHub needs at least one location',
      '$.runs[0].results[1].extra: is not a member of a SARIF result',
      '$.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri: "a b" is not a valid URI reference (spaces and backslashes must be encoded)',
      '$.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uriBaseId: is not defined in run.originalUriBaseIds',
      '$.runs[0].results[1].locations[0].physicalLocation.region.startLine: must be an integer >= 1',
    ]);
  });
});
