// Get/Set/DeleteRepositoryPolicy. The policy is an IAM resource policy document: ecr-local
// checks its shape (JSON, a Statement list whose entries have an Effect) and stores it; it does
// not enforce it.
import type { DeleteRepositoryPolicyResponse, GetRepositoryPolicyResponse, SetRepositoryPolicyResponse } from '@aws-sdk/client-ecr';
import { invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import { targetRepository, type EcrCall } from './call';

export const MAX_POLICY_TEXT_LENGTH = 10240;

/** What is wrong with a policy document, or undefined when its shape is right. */
function policyProblem(text: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return 'not a JSON object';
  }
  const statements = (document as Record<string, unknown>)['Statement'];
  const list: unknown[] = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  if (list.length === 0) {
    return 'it has no Statement';
  }
  for (const [index, statement] of list.entries()) {
    const effect = typeof statement === 'object' && statement !== null ? (statement as Record<string, unknown>)['Effect'] : undefined;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return `Statement ${index + 1} needs "Effect": "Allow" or "Deny"`;
    }
  }
  return undefined;
}

export function setRepositoryPolicy(call: EcrCall): SetRepositoryPolicyResponse {
  const repository = targetRepository(call);
  const policyText = call.input.requiredString('policyText', { min: 0, max: MAX_POLICY_TEXT_LENGTH });
  call.input.optionalBoolean('force');
  const problem = policyProblem(policyText);
  if (problem) {
    throw invalidParameter('PolicyText', `Invalid repository policy provided: ${problem}`);
  }
  repository.repositoryPolicy = policyText;
  call.store.changed();
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, policyText };
}

export function getRepositoryPolicy(call: EcrCall): GetRepositoryPolicyResponse {
  const repository = targetRepository(call);
  if (repository.repositoryPolicy === undefined) {
    throw ecrErrors.repositoryPolicyNotFound(repository.name);
  }
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, policyText: repository.repositoryPolicy };
}

export function deleteRepositoryPolicy(call: EcrCall): DeleteRepositoryPolicyResponse {
  const repository = targetRepository(call);
  const policyText = repository.repositoryPolicy;
  if (policyText === undefined) {
    throw ecrErrors.repositoryPolicyNotFound(repository.name);
  }
  delete repository.repositoryPolicy;
  call.store.changed();
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, policyText };
}
