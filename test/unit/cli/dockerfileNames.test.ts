import * as assert from 'node:assert/strict';
import { isDockerfileName } from '../../../src/cli/dockerfileNames';

describe('isDockerfileName', () => {
  const dockerfiles = [
    'Dockerfile',
    'dockerfile',
    'Containerfile',
    'api.Dockerfile',
    'api.dockerfile',
    'Dockerfile.prod',
    'Dockerfile.alpine.dev',
    'Containerfile.fedora',
    'worker.Containerfile',
  ];
  const others = [
    'Dockerfile.dockerignore',
    'api.Dockerfile.dockerignore',
    '.dockerignore',
    'MyDockerfile',
    'Dockerfiles',
    'docker-compose.yml',
    'README.md',
    'Dockerfile-prod',
  ];
  for (const name of dockerfiles) {
    it(`takes ${name}`, () => assert.equal(isDockerfileName(name), true));
  }
  for (const name of others) {
    it(`leaves ${name}`, () => assert.equal(isDockerfileName(name), false));
  }
});
