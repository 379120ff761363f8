// Tables for the security rules (issue 4 item 2): valid and invalid snippets, ranges, messages,
// per-finding aliases and the text each fix produces.
import { ruleTester } from './ruleTester';

const D = `@sha256:${'a'.repeat(64)}`;

ruleTester('user-root', {
  valid: [
    'FROM debian:12\nRUN useradd app\nUSER app\n',
    'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n',
    'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n',
    'FROM debian:12 AS base\nUSER app\nFROM base\nCMD ["x"]\n',
    'FROM scratch AS build\nFROM $BASE\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nUSER «root»\n',
      messages: [/last USER is "root"/],
      aliases: [['DL3002', 'AVD-DS-0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8']],
      output:
        'FROM debian:12\nRUN apt-get update\nRUN groupadd --system --gid 10001 app && useradd --system --no-log-init --uid 10001 --gid app --create-home app\nUSER 10001:10001\n',
      value: 'app',
    },
    {
      code: 'FROM debian:12\nUSER app\nRUN apt-get update\nUSER «0:0»\n',
      output: 'FROM debian:12\nUSER app\nRUN apt-get update\nUSER app\n',
      fixTitle: /Switch back to USER app/,
    },
    {
      code: '«FROM alpine:3.20»\nRUN apk add --no-cache curl\nCMD ["sh"]\n',
      messages: [/never sets USER/],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 svc && adduser -S -D -u 10001 -G svc svc\nUSER 10001:10001\nCMD ["sh"]\n',
      value: 'svc',
    },
    {
      code: '«FROM node:22-bookworm»\nCOPY . /app\n',
      output: 'FROM node:22-bookworm\nUSER node\nCOPY . /app\n',
      fixTitle: /"node" user/,
    },
    {
      code: '«FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4»\n',
      output:
        'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all && groupadd -r -g 10001 app && useradd -r -l -u 10001 -g app -m app\nUSER 10001:10001\n',
    },
    {
      code: '«FROM centos:stream9»\nRUN dnf install -y httpd && dnf clean all\n',
      output: 'FROM centos:stream9\nRUN dnf install -y httpd && dnf clean all\nRUN groupadd -r -g 10001 web && useradd -r -l -u 10001 -g web -m web\nUSER 10001:10001\n',
      value: 'web',
    },
    {
      code: '«FROM amazonlinux:2023»\n',
      output: 'FROM amazonlinux:2023\nRUN yum install -y shadow-utils && yum clean all && groupadd -r -g 10001 app && useradd -r -l -u 10001 -g app -m app\nUSER 10001:10001\n',
    },
    {
      code: 'FROM golang:1.23 AS build\nRUN go build\n«FROM scratch»\nCOPY --from=build /app /app\n',
      output: 'FROM golang:1.23 AS build\nRUN go build\nFROM scratch\nUSER 65532:65532\nCOPY --from=build /app /app\n',
    },
  ],
});

ruleTester('base-image-latest', {
  valid: [`FROM node:22${D}`, 'FROM node:22-alpine', `FROM node:latest${D}`, 'FROM scratch', 'FROM node:22 AS a\nFROM a', 'ARG V\nFROM node:$V'],
  invalid: [
    {
      code: 'FROM «node»\n',
      messages: [/no tag, so it means node:latest.*supported now: 26, 24, 22/],
      aliases: [['DL3006', 'AVD-DS-0001', 'CKV_DOCKER_7']],
      output: 'FROM node:24\n',
      value: '24',
    },
    {
      code: 'from «ubuntu:latest» as base\n',
      aliases: [['DL3007', 'AVD-DS-0001', 'CKV_DOCKER_7']],
      output: 'from ubuntu:24.04 as base\n',
      value: '24.04',
    },
    { code: 'FROM «registry:5000/team/app»\n', output: 'FROM registry:5000/team/app:1.2\n', value: '1.2' },
    { code: 'ARG IMAGE=python\nFROM «$IMAGE»\n', messages: [/python:latest/] },
  ],
});

ruleTester('base-image-unpinned', {
  valid: [`FROM node:22${D}`, 'FROM scratch', `FROM node:22${D} AS a\nFROM a`],
  invalid: [
    { code: 'FROM «node:22»\n', severity: 'info', messages: [/not pinned by digest/], output: `FROM node:22${D}\n`, value: D.slice(1) },
    { code: 'FROM «public.ecr.aws/docker/library/python:3.12» AS x\n', output: `FROM public.ecr.aws/docker/library/python:3.12${D} AS x\n`, value: D.slice(1) },
  ],
});

ruleTester('base-image-eol', {
  valid: ['FROM node:24', 'FROM python:3.13-slim-bookworm', 'FROM node:lts-alpine', 'FROM myorg/node:16', 'FROM ubuntu:24.04', 'FROM golang:1.27'],
  invalid: [
    { code: 'FROM «node:16-buster»\n', messages: [/Node\.js 16 \(gallium\) reached end of life on 2023-09-11; Debian 10 \(buster\) reached end of life on 2024-06-30/] },
    { code: 'FROM «node:18-alpine3.19»\n', messages: [/Node\.js 18.*2025-04-30; Alpine Linux 3\.19 reached end of life on 2025-11-01.*Node\.js 26/] },
    { code: 'FROM «python:3.8-slim-bookworm»\n', messages: [/^Python 3\.8 reached end of life on 2024-10-07\. /] },
    { code: 'FROM «debian:buster-slim»\n', messages: [/Debian 10 \(buster\)/] },
    { code: 'FROM «ubuntu:20.04»\n', messages: [/Ubuntu 20\.04 \(focal\) reached end of life on 2025-05-31/] },
    { code: 'FROM «golang:1.20»\n', messages: [/Go 1\.20 reached end of life on 2024-02-06/] },
    { code: 'FROM «eclipse-temurin:8u392-b08-jdk-focal»\n', severity: 'warning', messages: [/Ubuntu 20\.04 \(focal\) reached end of life on 2025-05-31; Java.* 8 reaches end of life on 2026-11-30 \(in 4 days\)/] },
    { code: 'FROM «postgres:14.10-alpine3.21»\n', messages: [/PostgreSQL 14 reached end of life on 2026-11-12/] },
    { code: 'FROM «amazonlinux:2.0.20240101.0»\n', messages: [/Amazon Linux 2 reached/] },
    { code: 'FROM «centos:centos7»\n', messages: [/CentOS Linux 7/] },
    { code: 'FROM «php:7.4-fpm»\nFROM «ruby:2.7-alpine»\nFROM «nginx:1.24-alpine»\n', messages: [/PHP 7\.4/, /Ruby 2\.7/, /nginx 1\.24/] },
    { code: 'FROM «node:22»\n', options: { eolWarningDays: 200, today: new Date('2026-11-26') }, severity: 'info', messages: [/reaches end of life on 2027-04-30 \(in 155 days\)/] },
    { code: 'ARG NODE=16\nFROM «node:${NODE}-alpine»\n', messages: [/Node\.js 16/] },
  ],
});

ruleTester('secret-in-arg-env', {
  valid: ['FROM x\nARG VERSION=1\nENV PATH=/bin', 'FROM x\nARG PUBLIC_KEY_FILE=/k', 'FROM x\nENV NODE_ENV=production'],
  invalid: [
    {
      code: 'ARG «GITHUB_TOKEN»\nFROM x\nENV «DB_PASSWORD»=hunter2 LOG=1\n',
      messages: [/ARG GITHUB_TOKEN .*Build-argument values/, /ENV DB_PASSWORD .*--mount=type=secret,id=db_password/],
      aliases: [['DL3064', 'SecretsUsedInArgOrEnv'], ['DL3064', 'SecretsUsedInArgOrEnv', 'AVD-DS-0031']],
    },
    { code: 'FROM x\nENV «API_KEY» abc\n', aliases: [['DL3064', 'SecretsUsedInArgOrEnv', 'AVD-DS-0031']] },
    { code: 'FROM x AS b\nARG «NPM_TOKEN»\nFROM y\n', aliases: [['DL3064', 'SecretsUsedInArgOrEnv']] },
  ],
});

ruleTester('hardcoded-credential', {
  valid: ['FROM x\nRUN echo $AWS_SECRET', 'FROM x\nRUN curl https://$USER:$PASS@host/x', 'FROM x\nENV KEY=AKIA'],
  invalid: [
    { code: 'FROM x\nENV AWS_ACCESS_KEY_ID=«AKIAIOSFODNN7EXAMPLE»\n', messages: [/AWS access key id \(AKIA…\).*Revoke it/] },
    { code: 'FROM x\nRUN <<EOF\ncat > /root/.ssh/id <<KEY\n«-----BEGIN OPENSSH PRIVATE KEY-----»\nKEY\nEOF\n', messages: [/private key/] },
    { code: 'FROM x\nRUN git clone https://x:«ghp_0123456789abcdefghijABCDEFGHIJ012345»@github.com/o/r\n', messages: [/GitHub token/] },
    { code: 'FROM x\nRUN echo "//registry.npmjs.org/:_authToken=«npm_0123456789abcdefghijABCDEFGHIJ012345»" > .npmrc\n', messages: [/npm token/] },
    { code: 'FROM x\nRUN echo "root:toor" | «chpasswd»\n', aliases: [['CKV2_DOCKER_17']], messages: [/chpasswd/] },
    { code: 'FROM x\nRUN pip install --index-url https://ci:«s3cretpw»@pypi.example.com/simple pkg\n', messages: [/password in a URL/] },
  ],
});

ruleTester('remote-script-pipe', {
  valid: ['FROM x\nRUN curl -fsSLo install.sh https://x/i.sh && sha256sum -c sums && sh install.sh', 'FROM x\nRUN curl https://x | tar -xz', 'FROM x\nRUN echo curl | sh'],
  invalid: [
    { code: 'FROM x\nRUN «curl -fsSL https://get.x.sh | sudo -E bash -»\n', messages: [/downloads a script and executes it/] },
    { code: 'FROM x\nRUN «wget -qO- https://x | tee /tmp/log | sh»\n' },
    { code: 'FROM x\nRUN «bash <(curl -s https://x)»\n' },
    { code: 'FROM x\nRUN «sh -c "$(wget -O- https://x)"»\n' },
    { code: 'FROM x\nRUN <<EOF\nset -e\n«curl https://x | python3»\nEOF\n', messages: [/RUN heredoc/] },
    { code: 'FROM x\nONBUILD RUN «curl https://x | sh»\n' },
  ],
});

ruleTester('insecure-tls', {
  valid: ['FROM x\nRUN curl -fsSL https://x', 'FROM x\nENV NODE_TLS_REJECT_UNAUTHORIZED=1', 'FROM x\nRUN wget -q https://x'],
  invalid: [
    { code: 'FROM x\nRUN curl «-k» https://x -o f\n', aliases: [['CKV2_DOCKER_2']], output: 'FROM x\nRUN curl https://x -o f\n' },
    { code: 'FROM x\nRUN curl «-fsSLk» https://x\n', output: 'FROM x\nRUN curl -fsSL https://x\n' },
    { code: 'FROM x\nRUN wget https://x «--no-check-certificate»\n', aliases: [['CKV2_DOCKER_3']], output: 'FROM x\nRUN wget https://x\n' },
    { code: 'FROM x\nRUN pip install «--trusted-host» pypi.org flask\n', aliases: [['CKV2_DOCKER_4']], output: 'FROM x\nRUN pip install flask\n' },
    { code: 'FROM x\nENV «NODE_TLS_REJECT_UNAUTHORIZED=0» «PYTHONHTTPSVERIFY=0»\n', aliases: [['CKV2_DOCKER_6'], ['CKV2_DOCKER_5']] },
    { code: 'FROM x\nARG «GIT_SSL_NO_VERIFY=true»\nENV «PIP_TRUSTED_HOST=pypi.org» «NPM_CONFIG_STRICT_SSL=false»\n', aliases: [['CKV2_DOCKER_14'], ['CKV2_DOCKER_16'], ['CKV2_DOCKER_12']] },
    { code: 'FROM x\nRUN npm config set «strict-ssl» false && yum-config-manager «--setopt=*.sslverify=0»\n', aliases: [['CKV2_DOCKER_13'], ['CKV2_DOCKER_15']] },
    { code: 'FROM x\nRUN git config --global «http.sslVerify» false\n', aliases: [[]] },
  ],
});

ruleTester('package-signature-bypass', {
  valid: ['FROM x\nRUN apk add --no-cache curl', 'FROM x\nRUN apt-get install -y curl'],
  invalid: [
    { code: 'FROM x\nRUN apk add «--allow-untrusted» foo\n', aliases: [['CKV2_DOCKER_7']], output: 'FROM x\nRUN apk add foo\n' },
    { code: 'FROM x\nRUN apt-get install -y «--allow-unauthenticated» «--force-yes» foo\n', aliases: [['CKV2_DOCKER_8'], ['CKV2_DOCKER_11']] },
    { code: 'FROM x\nRUN dnf install «--nogpgcheck» -y foo && rpm -i «--nosignature» x.rpm\n', aliases: [['CKV2_DOCKER_9'], ['CKV2_DOCKER_10']] },
    { code: 'FROM x\nRUN echo «"deb [trusted=yes] http://x stable main"» > /etc/apt/sources.list.d/x.list\n', messages: [/trusted=yes/] },
  ],
});

ruleTester('sudo', {
  valid: ['FROM x\nRUN apt-get update', 'FROM x\nRUN echo sudo'],
  invalid: [
    { code: 'FROM x\nRUN «sudo» apt-get update\n', aliases: [['DL3004', 'AVD-DS-0010', 'CKV2_DOCKER_1']], output: 'FROM x\nRUN apt-get update\n' },
    { code: 'FROM x\nRUN make && «sudo» -u app -E make install\n', output: 'FROM x\nRUN make && make install\n' },
  ],
});

ruleTester('ssh-port-exposed', {
  valid: ['FROM x\nEXPOSE 80 2222', 'FROM x AS build\nEXPOSE 22\nFROM y\nEXPOSE 80'],
  invalid: [
    { code: 'FROM x\nEXPOSE 80 «22/tcp» 443\n', output: 'FROM x\nEXPOSE 80 443\n' },
    { code: 'FROM x\nEXPOSE «22»\nCMD ["x"]\n', output: 'FROM x\nCMD ["x"]\n' },
    { code: 'FROM x\nEXPOSE 80 «20-25»\n', output: 'FROM x\nEXPOSE 80\n' },
  ],
});

ruleTester('add-remote-url', {
  valid: ['FROM x\nADD --checksum=sha256:abc https://x/y.tgz /y', 'FROM x\nADD local.tar.gz /y', 'FROM x\nCOPY https://x /y'],
  invalid: [
    {
      code: 'FROM x\nADD «https://example.com/tool.tgz» /opt/\n',
      messages: [/--checksum=sha256/],
      output: `FROM x\nADD --checksum=sha256:${'b'.repeat(64)} https://example.com/tool.tgz /opt/\n`,
      value: `sha256:${'b'.repeat(64)}`,
    },
    { code: 'FROM x\nADD «https://github.com/o/r.git#v1» /src\n', messages: [/Pin the repository to a commit/] },
  ],
});

ruleTester('build-tools-in-final-stage', {
  valid: [
    'FROM debian AS build\nRUN apt-get install -y gcc make\nFROM debian\nCOPY --from=build /a /a',
    'FROM alpine\nRUN apk add --virtual .build-deps gcc musl-dev && make && apk del .build-deps',
    'FROM debian\nRUN apt-get install -y gcc && make && apt-get purge -y gcc',
    'FROM debian\nRUN apt-get install -y libpq5 curl',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends «build-essential libpq-dev» curl\n', messages: [/build tools \(build-essential, libpq-dev\).*multi-stage/] },
    { code: 'FROM alpine\nRUN apk add --no-cache «gcc musl-dev»\n' },
    { code: 'FROM fedora\nRUN dnf install -y «gcc-c++ openssl-devel»\n' },
  ],
});

ruleTester('docker-socket-volume', {
  valid: ['FROM x\nVOLUME /data', 'FROM x\nRUN --mount=type=cache,target=/root/.cache pip install x'],
  invalid: [
    { code: 'FROM x\nVOLUME /data «/var/run/docker.sock»\n', messages: [/root-equivalent control of the host/] },
    { code: 'FROM x\nVOLUME «["/run/docker.sock"]»\n' },
    { code: 'FROM x\nRUN «--mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock» docker ps\n' },
  ],
});

ruleTester('untrusted-registry', {
  valid: [
    'FROM evil.io/x:1',
    { code: 'FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1\nFROM node:20', options: { trustedRegistries: ['*.amazonaws.com', 'docker.io'] } },
    { code: 'FROM ecr.example.com/a:1 AS a\nFROM a\nCOPY --from=a / /x', options: { trustedRegistries: ['ecr.*'] } },
  ],
  invalid: [
    {
      code: 'FROM «node:20» AS b\nCOPY --from=«quay.io/x/y:1» /a /a\nRUN «--mount=type=bind,from=ghcr.io/o/t:1,target=/t» ls\n',
      options: { trustedRegistries: ['my.registry.com'] },
      aliases: [['DL3026'], ['DL3026'], ['DL3026']],
      messages: [/from docker\.io, which is not one of the trusted registries \(my\.registry\.com\)/, /quay\.io/, /ghcr\.io/],
    },
  ],
});

ruleTester('secret-file-copied', {
  valid: ['FROM x\nCOPY .env.example /app/', 'FROM x\nCOPY id_rsa.pub /root/', 'FROM x\nCOPY src/ /app/'],
  invalid: [
    { code: 'FROM x\nCOPY «.env» «./certs/server.pem» /app/\n', messages: [/\.env.*\.dockerignore/, /server\.pem.*\.dockerignore/] },
    { code: 'FROM x\nADD «.aws/credentials» /root/.aws/\nCOPY «.npmrc» «id_ed25519» /root/\n' },
    { code: 'FROM x\nCOPY «.ssh/» /root/.ssh/\n' },
  ],
});
