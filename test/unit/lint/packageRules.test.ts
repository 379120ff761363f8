// Tables for the package-manager rules.
import { ruleTester } from './ruleTester';

ruleTester('pin-package-versions', {
  valid: [
    'FROM x\nRUN apt-get install -y curl=7.88.1-10',
    'FROM x\nRUN apk add --no-cache curl=8.5.0-r0 --virtual .deps',
    'FROM x\nRUN pip install flask==3.0.0 "requests>=2" -r requirements.txt ./local',
    'FROM x\nRUN pip install --upgrade pip',
    'FROM x\nRUN npm install && npm ci && npm install -g pm2@5.3.0 @scope/pkg@1.0.0',
    'FROM x\nRUN gem install bundler -v 2.5.0 && gem install rake:13.0',
    'FROM x\nRUN yum install -y httpd-2.4.57 && dnf install -y nginx-1.24.0',
    'FROM x\nRUN go install golang.org/x/tools/gopls@v0.15.0',
    'FROM x\nRUN apt-get install -y ./local.deb',
  ],
  invalid: [
    { code: 'FROM x\nRUN apt-get install -y «curl git»\n', aliases: [['DL3008']], messages: [/curl, git without a version.*name=version/] },
    { code: 'FROM x\nRUN apk add --no-cache «bash»\n', aliases: [['DL3018']] },
    { code: 'FROM x\nRUN pip3 install --no-cache-dir «flask»\nRUN python -m pip install «django»\n', aliases: [['DL3013'], ['DL3013']] },
    { code: 'FROM x\nRUN npm install -g «pm2»\n', aliases: [['DL3016']] },
    { code: 'FROM x\nRUN gem install «bundler»\n', aliases: [['DL3028']] },
    { code: 'FROM x\nRUN yum install -y «httpd» && dnf install -y «nginx» && microdnf install «jq»\n', aliases: [['DL3033'], ['DL3041'], ['DL3041']] },
    { code: 'FROM x\nRUN zypper install -y «vim»\n', aliases: [['DL3037']] },
    { code: 'FROM x\nRUN go install «golang.org/x/tools/gopls@latest»\n', aliases: [['DL3062']] },
    { code: 'FROM x\n# hadolint ignore=DL3008\nRUN apt-get install -y curl && pip install «flask»\n', aliases: [['DL3013']] },
  ],
});

ruleTester('package-cache-not-cleaned', {
  valid: [
    'FROM x\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM x\nRUN apk add --no-cache curl',
    'FROM x\nRUN yum install -y x && yum clean all',
    'FROM x\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl',
    'FROM x\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM x AS build\nRUN apk add curl\nFROM y',
    'FROM x\nRUN yarn install && yarn cache clean',
  ],
  invalid: [
    { code: 'FROM x\nRUN apt-get update && «apt-get install» -y curl\n', aliases: [['DL3009']], messages: [/rm -rf \/var\/lib\/apt\/lists/] },
    { code: 'FROM x\nRUN «apk add» curl\n', aliases: [['DL3019', 'AVD-DS-0025']], output: 'FROM x\nRUN apk add --no-cache curl\n' },
    { code: 'FROM x\nRUN «pip install» flask==3.0\n', aliases: [['DL3042']], output: 'FROM x\nRUN pip install --no-cache-dir flask==3.0\n' },
    { code: 'FROM x\nRUN «yum install» -y a\nRUN «dnf install» -y b\nRUN «microdnf install» c\nRUN «zypper install» -y d\n', aliases: [['DL3032', 'AVD-DS-0015'], ['DL3040', 'AVD-DS-0019'], ['AVD-DS-0027'], ['DL3036', 'AVD-DS-0020']] },
    { code: 'FROM x\nRUN «yarn install»\n', aliases: [['DL3060']] },
  ],
});

ruleTester('non-interactive-install', {
  valid: ['FROM x\nRUN apt-get install -y a', 'FROM x\nRUN apt-get -qq install a', 'FROM x\nRUN yum install --assumeyes a', 'FROM x\nRUN zypper -n install a', 'FROM x\nRUN apt-get install -yq a'],
  invalid: [
    { code: 'FROM x\nRUN «apt-get install» curl\n', aliases: [['DL3014', 'AVD-DS-0021']], output: 'FROM x\nRUN apt-get install -y curl\n' },
    { code: 'FROM x\nRUN «yum install» a && «dnf install» b && «zypper install» c\n', aliases: [['DL3030'], ['DL3038'], ['DL3034']] },
  ],
});

ruleTester('no-install-recommends', {
  valid: ['FROM x\nRUN apt-get install -y --no-install-recommends a', 'FROM x\nRUN apt-get -o APT::Install-Recommends=false install -y a', 'FROM x\nRUN apk add a'],
  invalid: [{ code: 'FROM x\nRUN «apt-get install» -y a\n', output: 'FROM x\nRUN apt-get install --no-install-recommends -y a\n', aliases: [['DL3015', 'AVD-DS-0029']] }],
});

ruleTester('avoid-dist-upgrade', {
  valid: ['FROM x\nRUN apt-get upgrade -y'],
  invalid: [{ code: 'FROM x\nRUN «apt-get dist-upgrade» -y && «zypper dup»\n', aliases: [['AVD-DS-0024'], ['DL3035']] }],
});

ruleTester('update-alone', {
  valid: ['FROM x\nRUN apt-get update && apt-get install -y a', 'FROM x\nRUN apk update && apk upgrade'],
  invalid: [{ code: 'FROM x\nRUN «apt-get update»\nRUN apt-get install -y curl\n', aliases: [['AVD-DS-0017', 'CKV_DOCKER_5']], messages: [/stale|outdated/] }],
});

ruleTester('avoid-apt', {
  valid: ['FROM x\nRUN apt-get install -y a && apt-cache policy a', 'FROM x\nRUN echo apt'],
  invalid: [
    { code: 'FROM x\nRUN «apt» install -y curl\n', aliases: [['DL3027', 'CKV_DOCKER_9']], output: 'FROM x\nRUN apt-get install -y curl\n' },
    { code: 'FROM x\nRUN «/usr/bin/apt» search x\n', output: 'FROM x\nRUN /usr/bin/apt-cache search x\n' },
  ],
});

ruleTester('build-tools-in-final-stage', {
  valid: ['FROM x AS b\nRUN yum install -y gcc\nFROM y'],
  invalid: [{ code: 'FROM x\nRUN apt-get install -y «gcc-12 g++-12»\n' }],
});
