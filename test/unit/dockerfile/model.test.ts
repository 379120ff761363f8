// The shared model: our single-pass scanner against dockerfile-ast (the parser the Docker language
// server uses) on generated Dockerfiles, and the details rules rely on: continuations with comment
// lines, the escape directive, heredocs, ARG-resolved FROM, stages, and the shell splitter.
import * as assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import * as fc from 'fast-check';
import { buildModel } from '../../../src/dockerfile/dockerfile';
import { parseShell, programOf } from '../../../src/dockerfile/shell';

const FRAGMENTS = [
  'FROM node:20 AS build', 'from alpine', 'RUN apt-get update && \\\n    apt-get install -y curl', 'RUN a \\\n# inner comment\n  b', 'RUN a \\\n\n  b',
  '# a comment', '', '   ', 'ENV A=1 B="two words"', 'COPY --from=build /a /b', 'RUN <<EOF\necho hi\nEOF', 'COPY <<-EOT /f\n\tline\n\tEOT',
  'CMD ["node", "a.js"]', 'LABEL a=b \\\n  c=d', 'ARG V=1', 'USER app', 'WORKDIR /app', 'RUN echo "a \\" b"', 'ONBUILD RUN make', 'HEALTHCHECK CMD true',
  'RUN echo \\\\', 'EXPOSE 80 443', '  RUN indented', 'RUN x \\  ', 'MAINTAINER me', 'RUN <<A cat <<B\na\nA\nb\nB', 'RUN <<EOF\nunterminated',
];

/** Each instruction's first and last line (heredoc bodies included) and keyword. */
function dockerfileAstView(text: string): Array<[number, number, string]> {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => [instruction.getRange().start.line, instruction.getRange().end.line, instruction.getKeyword()] as [number, number, string]);
}

function ourView(text: string): Array<[number, number, string]> {
  return buildModel(text).instructions.map((instruction) => [instruction.startLine, instruction.endLine, instruction.keyword] as [number, number, string]);
}

describe('Dockerfile model', () => {
  it('finds the same instructions as dockerfile-ast on generated files', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), (parts, eol) => {
        const text = parts.join('\n').replace(/\n/g, eol);
        assert.deepEqual(ourView(text), dockerfileAstView(text), JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with dockerfile-ast under the backtick escape directive too', () => {
    const windows = ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir `\n  C:\\', 'RUN a `\n# c\n  b', 'COPY a C:\\b', 'RUN x \\', '# note', 'ENV A=1'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...windows), { maxLength: 15 }), (parts) => {
        const text = ['# escape=`', ...parts].join('\n');
        assert.deepEqual(ourView(text), dockerfileAstView(text), JSON.stringify(text));
      }),
      { numRuns: 200 },
    );
  });

  it('joins continuations, drops comment lines inside them, and maps offsets back to the document', () => {
    const model = buildModel('FROM x\nRUN apt-get update \\\n  # why\n  && apt-get install -y curl\n');
    const run = model.instructions[1];
    assert.ok(run);
    assert.equal(run.args, 'apt-get update   && apt-get install -y curl');
    const at = run.logical.text.indexOf('curl');
    assert.deepEqual(run.rangeOf(at, at + 4), { start: { line: 3, character: 24 }, end: { line: 3, character: 28 } });
    assert.deepEqual(run.raw.commentLines, [2]);
  });

  it('honours the escape directive', () => {
    const model = buildModel('# escape=`\nFROM x\nRUN dir `\n  C:\\\nCOPY a b\n');
    assert.equal(model.escape, '`');
    assert.deepEqual(model.instructions.map((instruction) => instruction.keyword), ['FROM', 'RUN', 'COPY']);
    assert.equal(model.instructions[1]?.args, 'dir   C:\\');
  });

  it('reads heredoc bodies, with <<- tab stripping, quoted delimiters and an unterminated last one', () => {
    const model = buildModel('FROM x\nRUN <<-"EOF" bash\n\techo $HOME\n\tEOF\nCOPY <<A <<B /d/\na\nA\nb\n');
    const [run, copy] = [model.instructions[1], model.instructions[2]];
    assert.equal(run?.heredocs[0]?.body.text, 'echo $HOME\n');
    assert.equal(run?.heredocs[0]?.quoted, true);
    assert.deepEqual(run?.heredocs[0]?.body.position(0), { line: 2, character: 1 });
    assert.equal(copy?.heredocs.length, 2);
    assert.equal(copy?.heredocs[1]?.terminatorLine, undefined);
    assert.equal(copy?.endLine, 8);
  });

  it('resolves FROM through global ARGs, knows stage aliases, parents and the final stage', () => {
    const model = buildModel('ARG BASE=node\nARG TAG\nFROM ${BASE}:${TAG:-22}-alpine AS build\nFROM build AS test\nFROM $UNSET\nFROM --platform=$BUILDPLATFORM registry:5000/a/b:1@sha256:ab AS last\n');
    const [build, test, unset, last] = model.stages;
    assert.equal(build?.image?.text, 'node:22-alpine');
    assert.equal(build?.substituted, true);
    assert.equal(test?.parent, build);
    assert.equal(unset?.image, undefined);
    assert.deepEqual(unset?.unresolvedVariables, ['UNSET']);
    assert.equal(last?.image?.registry, 'registry:5000');
    assert.equal(last?.image?.path, 'a/b');
    assert.equal(last?.image?.tag, '1');
    assert.equal(last?.image?.digest, 'sha256:ab');
    assert.equal(model.finalStage, last);
    assert.equal(last?.isFinal, true);
  });

  it('splits shell commands with pipes, redirects, quotes, substitutions and wrappers', () => {
    const commands = parseShell(`DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y "a b" 2>&1 > /log | tee x; (cd /a && make) || echo $(date) 'q' # c\nnext`);
    const words = commands.map((command) => command.words.map((word) => word.value));
    assert.deepEqual(words, [
      ['DEBIAN_FRONTEND=noninteractive', 'sudo', '-E', 'apt-get', 'install', '-y', 'a b'],
      ['tee', 'x'],
      ['cd', '/a'],
      ['make'],
      ['echo', '$(date)', 'q'],
      ['next'],
    ]);
    assert.equal(commands[0]?.pipeTo, commands[1]);
    assert.deepEqual(commands[0]?.redirects.map((word) => word.value), ['/log']);
    const program = commands[0] ? programOf(commands[0]) : undefined;
    assert.equal(program?.name, 'apt-get');
    assert.equal(program?.sudo?.word.value, 'sudo');
  });
});
