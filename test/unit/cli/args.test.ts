import * as assert from 'node:assert/strict';
import { parseCliArguments, UsageError } from '../../../src/cli/args';

function usageError(argv: string[]): string {
  try {
    parseCliArguments(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('ecr-lint arguments', () => {
  it('lints the given inputs as text by default, leaving config and threshold to discovery', () => {
    assert.deepEqual(parseCliArguments(['Dockerfile', 'services']), {
      kind: 'lint',
      format: 'text',
      inputs: ['Dockerfile', 'services'],
    });
  });

  it('reads long, short and = forms of every option, case-insensitively for values', () => {
    assert.deepEqual(parseCliArguments(['--format', 'SARIF', '--config=ci.yaml', '-t', 'warning', '.']), {
      kind: 'lint',
      format: 'sarif',
      configFile: 'ci.yaml',
      failureThreshold: 'warning',
      inputs: ['.'],
    });
    assert.deepEqual(parseCliArguments(['-f', 'json', '-c', 'x.yml', '--failure-threshold=none', 'a', '-']), {
      kind: 'lint',
      format: 'json',
      configFile: 'x.yml',
      failureThreshold: 'none',
      inputs: ['a', '-'],
    });
  });

  it('answers --help and --version before anything else', () => {
    assert.deepEqual(parseCliArguments(['--help']), { kind: 'help' });
    assert.deepEqual(parseCliArguments(['-h', '--format', 'nope']), { kind: 'help' });
    assert.deepEqual(parseCliArguments(['--version']), { kind: 'version' });
    assert.deepEqual(parseCliArguments(['-v']), { kind: 'version' });
  });

  it('takes a file name that starts with - after --', () => {
    assert.deepEqual(parseCliArguments(['--', '-odd-name']), { kind: 'lint', format: 'text', inputs: ['-odd-name'] });
  });

  const refusals: Array<[string[], RegExp]> = [
    [[], /at least one Dockerfile or folder/],
    [['--format', 'xml', 'a'], /--format must be one of text, json, sarif; got "xml"/],
    [['--failure-threshold', 'fatal', 'a'], /--failure-threshold must be one of error, warning, info, style, none/],
    [['a', '--format'], /--format needs a value, e.g. --format json/],
    [['a', '--config'], /--config needs a value/],
    [['--colour', 'a'], /Unknown option --colour\. Run ecr-lint --help/],
    [['--config', '  ', 'a'], /--config needs a file name/],
    [['a', ''], /empty file name/],
    [['-', '-'], /Standard input \(-\) can be read only once/],
  ];
  for (const [argv, expected] of refusals) {
    it(`refuses ${JSON.stringify(argv)} with a message that says what to do`, () => {
      assert.match(usageError(argv), expected);
    });
  }
});
