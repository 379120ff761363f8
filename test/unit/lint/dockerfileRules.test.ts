// Tables for the instruction, stage, COPY and formatting rules.
import { ruleTester } from './ruleTester';

ruleTester('workdir-relative', {
  valid: ['FROM x\nWORKDIR /app', 'FROM x\nWORKDIR $HOME/app', '# escape=`\nFROM x\nWORKDIR C:\\app'],
  invalid: [{ code: 'FROM x\nWORKDIR «app»\n', aliases: [['DL3000', 'AVD-DS-0009', 'CKV_DOCKER_10', 'WorkdirRelativePath']], messages: [/absolute path, e\.g\. \/app/] }],
});

ruleTester('workdir-system-dir', {
  valid: ['FROM x\nWORKDIR /app', 'FROM x\nWORKDIR /development'],
  invalid: [{ code: 'FROM x\nWORKDIR «/proc/app»\nWORKDIR «/dev»\n' }],
});

ruleTester('pointless-command', {
  valid: ['FROM x\nRUN apt-get install -y vim'],
  invalid: [{ code: 'FROM x\nRUN «service» nginx start && «ps» aux\n', aliases: [['DL3001'], ['DL3001']] }],
});

ruleTester('cd-instead-of-workdir', {
  valid: ['FROM x\nWORKDIR /app\nRUN make', 'FROM x\nRUN <<EOF\ncd /tmp\nEOF'],
  invalid: [{ code: 'FROM x\nRUN «cd /app» && make\n', aliases: [['DL3003', 'AVD-DS-0013']] }],
});

ruleTester('prefer-copy', {
  valid: ['FROM x\nADD app.tar.gz /app/', 'FROM x\nADD https://x/y /y', 'FROM x\nCOPY a /a', 'FROM x\nADD <<EOF /f\nhi\nEOF'],
  invalid: [
    { code: 'FROM x\n«ADD» src/ /app/\n', aliases: [['DL3020', 'AVD-DS-0005', 'CKV_DOCKER_4']], output: 'FROM x\nCOPY src/ /app/\n' },
    { code: 'from x\n«add» --chown=1:1 a.txt /a\n', output: 'from x\ncopy --chown=1:1 a.txt /a\n' },
    { code: 'FROM x\n«ADD» ["a b", "/c"]\n' },
  ],
});

ruleTester('copy-dest-slash', {
  valid: ['FROM x\nCOPY a b /c/', 'FROM x\nCOPY a /c'],
  invalid: [{ code: 'FROM x\nCOPY a b «/c»\n', aliases: [['DL3021', 'AVD-DS-0011']], output: 'FROM x\nCOPY a b /c/\n' }],
});

ruleTester('copy-from-unknown-stage', {
  valid: ['FROM x AS build\nFROM y\nCOPY --from=build /a /a', 'FROM x\nCOPY --from=nginx:1.27 /a /a', 'FROM x\nFROM y\nCOPY --from=0 /a /a'],
  invalid: [{ code: 'FROM y\nCOPY --from=«builder» /a /a\nCOPY --from=«3» /b /b\nFROM z AS builder\n', aliases: [['DL3022'], ['DL3022']] }],
});

ruleTester('copy-from-self', {
  valid: ['FROM x AS a\nFROM y AS b\nCOPY --from=a /a /a'],
  invalid: [{ code: 'FROM x AS a\nCOPY --from=«A» /a /b\nFROM y\nCOPY --from=«1» / /x\n', aliases: [['DL3023', 'AVD-DS-0006'], ['DL3023', 'AVD-DS-0006']] }],
});

ruleTester('duplicate-stage-name', {
  valid: ['FROM x AS a\nFROM y AS b'],
  invalid: [{ code: 'FROM x AS a\nFROM y AS «A»\n', aliases: [['DL3024', 'AVD-DS-0012', 'CKV_DOCKER_11', 'DuplicateStageName']] }],
});

ruleTester('reserved-stage-name', {
  valid: ['FROM x AS build'],
  invalid: [{ code: 'FROM x AS «scratch»\nFROM y AS «context»\n' }],
});

ruleTester('stage-name-casing', {
  valid: ['FROM x AS build'],
  invalid: [{ code: 'FROM x AS «Build»\n', output: 'FROM x AS build\n' }],
});

ruleTester('from-as-casing', {
  valid: ['FROM x AS a', 'from x as a'],
  invalid: [
    { code: 'FROM x «as» a\n', output: 'FROM x AS a\n' },
    { code: 'from x «AS» a\n', output: 'from x as a\n' },
  ],
});

ruleTester('from-platform-flag', {
  valid: ['FROM --platform=$BUILDPLATFORM golang AS build', 'FROM --platform=linux/arm64 x AS build-arm64', 'FROM x'],
  invalid: [{ code: 'FROM «--platform=linux/amd64» node:22\n', aliases: [['DL3029', 'FromPlatformFlagConstDisallowed']] }],
});

ruleTester('redundant-target-platform', {
  valid: ['FROM --platform=$BUILDPLATFORM x'],
  invalid: [{ code: 'FROM «--platform=${TARGETPLATFORM}» node:22 AS a\n', output: 'FROM node:22 AS a\n', aliases: [['DL3065', 'RedundantTargetPlatform']] }],
});

ruleTester('undefined-arg-in-from', {
  valid: ['ARG TAG=1\nFROM x:$TAG', 'FROM --platform=$BUILDPLATFORM x'],
  invalid: [{ code: 'FROM x:«${TAG}»\nARG TAG=1\n' }],
});

ruleTester('invalid-default-arg-in-from', {
  valid: ['ARG TAG=1\nFROM x:$TAG', 'ARG BASE\nFROM ${BASE:-alpine}'],
  invalid: [
    { code: 'ARG TAG\nFROM «alpine:${TAG}»\n', messages: [/ARG TAG has no default/] },
    { code: 'ARG TAG=\nFROM «alpine:${TAG}»\n', messages: [/becomes "alpine:"/] },
  ],
});

ruleTester('instruction-casing', {
  valid: ['FROM x\nRUN a', 'from x\nrun a'],
  invalid: [{ code: 'FROM x\n«Run» a\nCMD ["a"]\n', output: 'FROM x\nRUN a\nCMD ["a"]\n' }],
});

ruleTester('empty-continuation', {
  valid: ['FROM x\nRUN a \\\n  && b'],
  invalid: [{ code: 'FROM x\nRUN a \\\n«»\n  && b\n', output: 'FROM x\nRUN a \\\n  && b\n' }],
});

ruleTester('multiple-instructions', {
  valid: ['FROM x\nCMD ["a"]\nFROM y\nCMD ["b"]'],
  invalid: [
    {
      code: 'FROM x\n«CMD» ["a"]\n«ENTRYPOINT» ["e"]\n«HEALTHCHECK» CMD true\nCMD ["b"]\nENTRYPOINT ["f"]\nHEALTHCHECK NONE\n',
      aliases: [['DL4003', 'AVD-DS-0016', 'MultipleInstructionsDisallowed'], ['DL4004', 'AVD-DS-0007', 'MultipleInstructionsDisallowed'], ['DL3012', 'AVD-DS-0023', 'MultipleInstructionsDisallowed']],
      messages: [/overridden by the one on line 5/, /line 6/, /line 7/],
    },
  ],
});

ruleTester('json-args-recommended', {
  valid: ['FROM x\nCMD ["node", "a.js"]', 'FROM x\nSHELL ["pwsh", "-c"]\nCMD Write-Host hi'],
  invalid: [
    { code: 'FROM x\nCMD «node server.js»\n', aliases: [['DL3025', 'JSONArgsRecommended']], output: 'FROM x\nCMD ["node", "server.js"]\n' },
    { code: 'FROM x\nENTRYPOINT «exec app $FLAGS»\n', messages: [/wrap real shell syntax/] },
  ],
});

ruleTester('maintainer-deprecated', {
  valid: ['FROM x\nLABEL org.opencontainers.image.authors="me"'],
  invalid: [{ code: 'FROM x\n«MAINTAINER» Jane "J" <j@x.io>\n', output: 'FROM x\nLABEL org.opencontainers.image.authors="Jane \\"J\\" <j@x.io>"\n', aliases: [['DL4000', 'AVD-DS-0022', 'CKV_DOCKER_6', 'MaintainerDeprecated']] }],
});

ruleTester('onbuild-forbidden-trigger', {
  valid: ['FROM x\nONBUILD RUN make'],
  invalid: [{ code: 'FROM x\nONBUILD «FROM» y\nONBUILD «ONBUILD» RUN a\n' }],
});

ruleTester('instruction-before-from', {
  valid: ['ARG A=1\n# c\nFROM x'],
  invalid: [{ code: '«ENV» A=1\nFROM x\n', aliases: [['DL3061']] }],
});

ruleTester('healthcheck-missing', {
  valid: ['FROM x\nCMD ["a"]', { code: 'FROM x\nHEALTHCHECK CMD true', options: { severityOverrides: { DL3057: 'info' } } }],
  invalid: [{ code: '«FROM x»\nCMD ["a"]\n', options: { severityOverrides: { 'AVD-DS-0026': 'warning' } }, severity: 'warning' }],
});

ruleTester('env-self-reference', {
  valid: ['FROM x\nENV A=1\nENV B=$A', 'FROM x\nARG A\nENV A=1 B=$A'],
  invalid: [{ code: 'FROM x\nENV A=1 B=«${A}»/x C=«$B»\n', aliases: [['DL3044'], ['DL3044']] }],
});

ruleTester('legacy-key-value', {
  valid: ['FROM x\nENV A=1', 'FROM x\nLABEL a="b c"'],
  invalid: [
    { code: 'FROM x\nENV «PATH /usr/bin»\n', output: 'FROM x\nENV PATH=/usr/bin\n' },
    { code: 'FROM x\nLABEL «description two words»\n', output: 'FROM x\nLABEL description="two words"\n' },
  ],
});

ruleTester('expose-port-range', {
  valid: ['FROM x\nEXPOSE 80 443/tcp 8000-8010 $PORT'],
  invalid: [{ code: 'FROM x\nEXPOSE «70000» «http»\n', aliases: [['DL3011', 'AVD-DS-0008'], ['DL3011', 'AVD-DS-0008']] }],
});

ruleTester('expose-proto-casing', {
  valid: ['FROM x\nEXPOSE 80/tcp'],
  invalid: [{ code: 'FROM x\nEXPOSE 80/«TCP»\n', output: 'FROM x\nEXPOSE 80/tcp\n' }],
});

ruleTester('expose-invalid-format', {
  valid: ['FROM x\nEXPOSE 80'],
  invalid: [{ code: 'FROM x\nEXPOSE «127.0.0.1:8080:80»\n', output: 'FROM x\nEXPOSE 80\n' }],
});

ruleTester('copy-relative-without-workdir', {
  valid: ['FROM x\nWORKDIR /app\nCOPY a .', 'FROM x AS b\nWORKDIR /app\nFROM b\nCOPY a .', 'FROM x\nCOPY a /app/'],
  invalid: [{ code: 'FROM x\nCOPY a «app/»\nWORKDIR /w\n', aliases: [['DL3045']] }],
});

ruleTester('copy-entire-filesystem', {
  valid: ['FROM x AS a\nFROM y\nCOPY --from=a /app /app'],
  invalid: [{ code: 'FROM x AS a\nFROM y\nCOPY --from=a «/ /»\n' }],
});

ruleTester('copy-then-extract', {
  valid: ['FROM x\nADD app.tar.gz /opt/', 'FROM x\nCOPY a.tar /tmp/\nRUN ls'],
  invalid: [{ code: 'FROM x\nCOPY dist/app.tar.gz /tmp/\nRUN «tar -xzf /tmp/app.tar.gz» -C /opt\n', aliases: [['DL3010']] }],
});

ruleTester('user-non-numeric', {
  valid: ['FROM x\nUSER 10001:10001', 'FROM x\nUSER $APP_UID', 'FROM x\nUSER root'],
  invalid: [{ code: 'FROM x\nUSER «app:app»\n', aliases: [['DL3066']] }],
});

ruleTester('useradd-high-uid', {
  valid: ['FROM x\nRUN useradd -l -u 123456 app', 'FROM x\nRUN useradd -u 1000 app'],
  invalid: [{ code: 'FROM x\nRUN «useradd» -u 123456 app\n', output: 'FROM x\nRUN useradd --no-log-init -u 123456 app\n' }],
});

ruleTester('wget-progress', {
  valid: ['FROM x\nRUN wget -q https://x', 'FROM x\nRUN wget --progress=dot:giga https://x'],
  invalid: [{ code: 'FROM x\nRUN «wget» https://x\n', output: 'FROM x\nRUN wget --progress=dot:giga https://x\n' }],
});

ruleTester('wget-and-curl', {
  valid: ['FROM x\nRUN curl a && curl b', 'FROM x\nRUN curl a\nFROM y\nRUN wget -q b'],
  invalid: [{ code: 'FROM x\nRUN curl -o a https://a\nRUN «wget» -q https://b\n', aliases: [['DL4001', 'AVD-DS-0014']] }],
});

ruleTester('shell-via-ln', {
  valid: ['FROM x\nRUN ln -s /a /b'],
  invalid: [{ code: 'FROM x\nRUN «ln -sf /bin/bash /bin/sh»\n', aliases: [['DL4005']] }],
});

ruleTester('pipefail', {
  valid: [
    'FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl a | tar -x',
    'FROM x\nRUN set -o pipefail && curl a | tar -x',
    'FROM x\nSHELL ["pwsh", "-c"]\nRUN a | b',
    'FROM x\nRUN a || b',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN «curl -fsSL https://x | tar -xz»\n', aliases: [['DL4006']], output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n' },
    { code: 'FROM alpine:3.20\n  RUN «wget -O- https://x | tar -x»\n', output: 'FROM alpine:3.20\n  SHELL ["/bin/ash", "-o", "pipefail", "-c"]\n  RUN wget -O- https://x | tar -x\n' },
  ],
});

ruleTester('consecutive-run', {
  valid: ['FROM x\nRUN a\nCOPY b /b\nRUN c', 'FROM x\nRUN a\nRUN --mount=type=cache,target=/c b'],
  invalid: [{ code: 'FROM x\nRUN a\n«RUN» b\n«RUN» c\n', aliases: [['DL3059'], ['DL3059']] }],
});

ruleTester('label-key-invalid', {
  valid: ['FROM x\nLABEL org.opencontainers.image.title="x" com.example.vendor=y'],
  invalid: [{ code: 'FROM x\nLABEL «com.docker.x»=1 «My_Label»=2 «a..b»=3\n', aliases: [['DL3048'], ['DL3048'], ['DL3048']] }],
});

const schema = { labelSchema: { author: 'text', url: 'url', created: 'rfc3339', license: 'spdx', revision: 'hash', version: 'semver', email: 'email' } } as const;

ruleTester('label-schema', {
  valid: [
    'FROM x\nLABEL foo=bar',
    {
      code: `FROM x\nLABEL author=me url=https://x.io created=2024-01-02T03:04:05Z license="MIT OR Apache-2.0" revision=0123abc version=1.2.3 email=a@b.io`,
      options: schema,
    },
  ],
  invalid: [
    {
      code: '«FROM x»\nLABEL «url=notaurl» «created=yesterday» «license=» «revision=zz» «version=1.2» «email=nobody» «extra=1»\n',
      options: { ...schema, strictLabels: true },
      aliases: [['DL3049'], ['DL3052'], ['DL3053'], ['DL3051'], ['DL3055'], ['DL3056'], ['DL3058'], ['DL3050']],
    },
  ],
});

ruleTester('definition-description', {
  valid: ['# build compiles the app\nFROM x AS build', { code: '# build the app\nFROM x AS build', options: { severityOverrides: { InvalidDefinitionDescription: 'info' } } }],
  invalid: [{ code: '«# compiles the app»\nFROM x AS build\n', options: { severityOverrides: { 'definition-description': 'info' } } }],
});

ruleTester('inline-ignore-pragma', {
  valid: ['FROM x\n# hadolint ignore=DL3004\nRUN sudo a', { code: 'FROM x\n# hadolint global ignore=DL3004\nRUN sudo a', options: { severityOverrides: { DL1001: 'info' } } }],
  invalid: [
    {
      code: 'FROM x\n«# hadolint ignore=DL3004 # legacy»\nRUN sudo a\n  «# ecr-lint ignore=sudo»\n  RUN sudo b\n',
      options: { severityOverrides: { DL1001: 'warning' } },
      severity: 'warning',
      messages: [/shared configuration/],
    },
  ],
});
