// secret-in-arg-env: ARG and ENV values end up in the image metadata (`docker history`,
// `docker inspect`) and in build logs; a password passed that way is readable by anyone who can
// pull the image. The three anchors disagree on names, so each finding carries the ids of the
// anchors that would flag that name.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';

const HADOLINT_NAMES = new Set(
  ('ACCESS_TOKEN APPLICATION_KEY APP_SECRET AUTH_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY BITTREX_API_KEY BITTREX_API_SECRET CF_PASSWORD ' +
    'CF_USERNAME CIRCLE_TOKEN CI_DEPLOY_PASSWORD CI_DEPLOY_USER DOCKERHUB_PASSWORD DOCKER_EMAIL DOCKER_PASSWORD DOCKER_USERNAME ' +
    'FACEBOOK_ACCESS_TOKEN FACEBOOK_APP_ID FACEBOOK_APP_SECRET FIREBASE_API_TOKEN FIREBASE_TOKEN FOSSA_API_KEY GH_ENTERPRISE_TOKEN GH_TOKEN ' +
    'GITHUB_ENTERPRISE_TOKEN GITHUB_TOKEN HEROKU_API_KEY HEROKU_API_USER NPM_AUTH_TOKEN NPM_TOKEN OKTA_AUTHN_GROUPID OKTA_CLIENT_ORGURL ' +
    'OKTA_CLIENT_TOKEN OKTA_OAUTH2_CLIENTID OKTA_OAUTH2_CLIENTSECRET OPENAI_API_KEY OS_PASSWORD OS_USERNAME POSTGRES_PASSWORD SLACK_TOKEN ' +
    'STRIPE_API_KEY STRIPE_DEVICE_NAME TRAVIS_OS_NAME TRAVIS_SECURE_ENV_VARS TRAVIS_SUDO VAULT_CLIENT_KEY VAULT_TOKEN').split(' '),
);
const HADOLINT_PARTS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];
const BUILDKIT_DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const BUILDKIT_ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;
const TRIVY_NAMES = new Set(
  ('AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AZURE_CLIENT_ID AZURE_CLIENT_SECRET GITHUB_TOKEN GH_TOKEN GH_ENTERPRISE_TOKEN ' +
    'GITHUB_ENTERPRISE_TOKEN OPENAI_API_KEY HF_TOKEN DIGITALOCEAN_ACCESS_TOKEN DOCKERHUB_PASSWORD FIREBASE_TOKEN CI_DEPLOY_PASSWORD GOOGLE_API_KEY ' +
    'LANGSMITH_API_KEY LANGCHAIN_API_KEY HEROKU_API_KEY').split(' '),
);
const TRIVY_TOKEN = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token|usr|psw)(?:_|$)/i;
const TRIVY_ALLOW = /(?:_|^)public(?:_|$)/i;

export function secretNameAliases(name: string, finalStage: boolean): string[] {
  const aliases: string[] = [];
  const upper = name.toUpperCase();
  const lower = name.toLowerCase();
  if (HADOLINT_NAMES.has(upper) || HADOLINT_PARTS.some((part) => lower.includes(part))) {
    aliases.push('DL3064');
  }
  if (BUILDKIT_DENY.test(name) && !BUILDKIT_ALLOW.test(name)) {
    aliases.push('SecretsUsedInArgOrEnv');
  }
  const bare = upper.replace(/^(?:VITE_|REACT_APP_)/, '');
  if (finalStage && (TRIVY_NAMES.has(bare) || (TRIVY_TOKEN.test(name) && !TRIVY_ALLOW.test(name)))) {
    aliases.push('AVD-DS-0031');
  }
  return aliases;
}

export const rule: Rule = {
  meta: {
    id: 'secret-in-arg-env',
    title: 'Secret passed through ARG or ENV',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: ['DL3064', 'AVD-DS-0031', 'SecretsUsedInArgOrEnv'],
    summary: 'ARG/ENV names that hold secrets end up in the image metadata.',
  },
  check(context): void {
    const model = context.model;
    const check = (instruction: Instruction, finalStage: boolean): void => {
      for (const pair of instruction.keyValues(instruction.keyword === 'ENV')) {
        const aliases = secretNameAliases(pair.key, finalStage);
        if (aliases.length === 0) {
          continue;
        }
        const kind = instruction.keyword;
        context.report({
          instruction,
          range: instruction.rangeOf(pair.keyStart, pair.keyEnd),
          aliases,
          message:
            `${kind} ${pair.key} looks like it carries a secret. ${kind === 'ENV' ? 'ENV values are stored in the image config' : 'Build-argument values are recorded in the image history'} ` +
            'and can be read by anyone who pulls the image (docker history / docker inspect), and they show in build logs. ' +
            `Pass it as a build secret instead: RUN --mount=type=secret,id=${pair.key.toLowerCase()} … reading /run/secrets/${pair.key.toLowerCase()}, or set it at run time.`,
        });
      }
    };
    for (const instruction of model.globalArgs) {
      check(instruction, false);
    }
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') {
          check(instruction, stage.isFinal);
        }
      }
    }
  },
};
