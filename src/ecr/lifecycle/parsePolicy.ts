// Parses and validates lifecycle policy text with ECR's rules, so a policy can be checked (and
// previewed) locally before PutLifecyclePolicy. Every problem is reported, each naming the JSON
// path at fault, because a user fixing a policy wants the whole list at once.
import {
  MAX_WILDCARDS_PER_PATTERN,
  POLICY_TEXT_MAX_LENGTH,
  POLICY_TEXT_MIN_LENGTH,
  type CountType,
  type LifecyclePolicy,
  type LifecycleRule,
  type TagStatus,
} from './policy';
import { countWildcards } from './wildcard';

export type ParsePolicyResult =
  | { readonly ok: true; readonly policy: LifecyclePolicy }
  | { readonly ok: false; readonly errors: readonly string[] };

const TAG_STATUSES: readonly TagStatus[] = ['tagged', 'untagged', 'any'];
const COUNT_TYPES: readonly CountType[] = ['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled'];
const RULE_KEYS = ['rulePriority', 'description', 'selection', 'action'];
const SELECTION_KEYS = ['tagStatus', 'tagPrefixList', 'tagPatternList', 'countType', 'countUnit', 'countNumber'];
/** Newer ECR fields (archive storage class) that this evaluator does not model. */
const UNSUPPORTED_SELECTION_KEYS = ['storageClass'];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function parseLifecyclePolicy(text: string): ParsePolicyResult {
  if (text.length < POLICY_TEXT_MIN_LENGTH || text.length > POLICY_TEXT_MAX_LENGTH) {
    return {
      ok: false,
      errors: [
        `the policy text is ${text.length} characters long; ECR accepts ${POLICY_TEXT_MIN_LENGTH} to ${POLICY_TEXT_MAX_LENGTH}`,
      ],
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`the policy is not valid JSON: ${(error as Error).message}`] };
  }
  const errors: string[] = [];
  if (!isObject(document)) {
    return { ok: false, errors: ['the policy must be a JSON object with a "rules" array'] };
  }
  for (const key of Object.keys(document)) {
    if (key !== 'rules') {
      errors.push(`unknown property "${key}" at the top level (only "rules" is allowed)`);
    }
  }
  const rawRules = document['rules'];
  if (!Array.isArray(rawRules) || rawRules.length === 0) {
    errors.push('"rules" must be a non-empty array of rules');
    return { ok: false, errors };
  }

  const rules: LifecycleRule[] = [];
  rawRules.forEach((rawRule: unknown, index) => {
    const rule = parseRule(rawRule, `rules[${index}]`, errors);
    if (rule) {
      rules.push(rule);
    }
  });

  checkPriorities(rawRules, errors);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  rules.sort((a, b) => a.rulePriority - b.rulePriority);
  return { ok: true, policy: { rules } };
}

function parseRule(raw: unknown, path: string, errors: string[]): LifecycleRule | undefined {
  if (!isObject(raw)) {
    errors.push(`${path} must be an object`);
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.includes(key)) {
      errors.push(`${path} has unknown property "${key}" (allowed: ${RULE_KEYS.join(', ')})`);
    }
  }
  const rulePriority = raw['rulePriority'];
  if (!isPositiveInteger(rulePriority)) {
    errors.push(`${path}.rulePriority must be an integer of at least 1, not ${quote(rulePriority)}`);
  }
  const description = raw['description'];
  if (description !== undefined && typeof description !== 'string') {
    errors.push(`${path}.description must be a string`);
  }
  const action = raw['action'];
  if (!isObject(action)) {
    errors.push(`${path}.action is required: {"type": "expire"}`);
  } else {
    for (const key of Object.keys(action)) {
      if (key !== 'type') {
        errors.push(`${path}.action has unknown property "${key}" (only "type" is supported)`);
      }
    }
    if (action['type'] === 'transition') {
      errors.push(`${path}.action.type "transition" (archive storage) is not supported by this evaluator; use "expire"`);
    } else if (action['type'] !== 'expire') {
      errors.push(`${path}.action.type must be "expire", not ${quote(action['type'])}`);
    }
  }
  const selection = parseSelection(raw['selection'], `${path}.selection`, errors);
  if (errors.length > before || !selection || !isPositiveInteger(rulePriority)) {
    return undefined;
  }
  return {
    rulePriority,
    ...(typeof description === 'string' ? { description } : {}),
    selection,
    action: { type: 'expire' },
  };
}

function parseSelection(raw: unknown, path: string, errors: string[]): LifecycleRule['selection'] | undefined {
  if (!isObject(raw)) {
    errors.push(`${path} is required: an object with tagStatus, countType and countNumber`);
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (UNSUPPORTED_SELECTION_KEYS.includes(key)) {
      errors.push(`${path}.${key} (archive storage) is not supported by this evaluator`);
    } else if (!SELECTION_KEYS.includes(key)) {
      errors.push(`${path} has unknown property "${key}" (allowed: ${SELECTION_KEYS.join(', ')})`);
    }
  }

  const tagStatus = raw['tagStatus'];
  if (!TAG_STATUSES.includes(tagStatus as TagStatus)) {
    errors.push(`${path}.tagStatus must be one of ${TAG_STATUSES.map(quote).join(', ')}, not ${quote(tagStatus)}`);
  }
  const tagPrefixList = parseTagList(raw['tagPrefixList'], `${path}.tagPrefixList`, errors);
  const tagPatternList = parseTagList(raw['tagPatternList'], `${path}.tagPatternList`, errors);
  for (const [index, pattern] of (tagPatternList ?? []).entries()) {
    const wildcards = countWildcards(pattern);
    if (wildcards > MAX_WILDCARDS_PER_PATTERN) {
      errors.push(
        `${path}.tagPatternList[${index}] ${quote(pattern)} has ${wildcards} wildcards; at most ${MAX_WILDCARDS_PER_PATTERN} are allowed`,
      );
    }
  }
  const hasPrefixes = raw['tagPrefixList'] !== undefined;
  const hasPatterns = raw['tagPatternList'] !== undefined;
  if (tagStatus === 'tagged') {
    if (!hasPrefixes && !hasPatterns) {
      errors.push(`${path}: tagStatus "tagged" needs a tagPrefixList or a tagPatternList`);
    } else if (hasPrefixes && hasPatterns) {
      errors.push(`${path}: give either tagPrefixList or tagPatternList, not both`);
    }
  } else if ((tagStatus === 'untagged' || tagStatus === 'any') && (hasPrefixes || hasPatterns)) {
    errors.push(`${path}: tagPrefixList and tagPatternList are only allowed with tagStatus "tagged", not ${quote(tagStatus)}`);
  }

  const countType = raw['countType'];
  const countUnit = raw['countUnit'];
  const countNumber = raw['countNumber'];
  if (!COUNT_TYPES.includes(countType as CountType)) {
    errors.push(`${path}.countType must be one of ${COUNT_TYPES.map(quote).join(', ')}, not ${quote(countType)}`);
  } else if (countType === 'imageCountMoreThan') {
    if (countUnit !== undefined) {
      errors.push(`${path}.countUnit is not allowed with countType "imageCountMoreThan"`);
    }
  } else if (countUnit !== 'days') {
    errors.push(`${path}.countUnit must be "days" with countType ${quote(countType)}, not ${quote(countUnit)}`);
  }
  if (!isPositiveInteger(countNumber)) {
    errors.push(`${path}.countNumber must be an integer of at least 1, not ${quote(countNumber)}`);
  }

  if (errors.length > before) {
    return undefined;
  }
  return {
    tagStatus: tagStatus as TagStatus,
    ...(tagPrefixList ? { tagPrefixList } : {}),
    ...(tagPatternList ? { tagPatternList } : {}),
    countType: countType as CountType,
    ...(countUnit === 'days' ? { countUnit } : {}),
    countNumber: countNumber as number,
  };
}

function parseTagList(raw: unknown, path: string, errors: string[]): string[] | undefined {
  if (raw === undefined) {
    return undefined;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.push(`${path} must be a non-empty array of strings`);
    return undefined;
  }
  const values: string[] = [];
  raw.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || entry === '') {
      errors.push(`${path}[${index}] must be a non-empty string, not ${quote(entry)}`);
    } else {
      values.push(entry);
    }
  });
  return values;
}

/** rulePriority must be unique, and a tagStatus "any" rule must come last (highest number). */
function checkPriorities(rawRules: readonly unknown[], errors: string[]): void {
  const seen = new Map<number, number>();
  let highest = -Infinity;
  for (const raw of rawRules) {
    if (isObject(raw) && isPositiveInteger(raw['rulePriority'])) {
      highest = Math.max(highest, raw['rulePriority']);
    }
  }
  rawRules.forEach((raw, index) => {
    if (!isObject(raw) || !isPositiveInteger(raw['rulePriority'])) {
      return;
    }
    const priority = raw['rulePriority'];
    const earlier = seen.get(priority);
    if (earlier !== undefined) {
      errors.push(`rules[${index}].rulePriority ${priority} is already used by rules[${earlier}]; priorities must be unique`);
    } else {
      seen.set(priority, index);
    }
    const selection = raw['selection'];
    if (isObject(selection) && selection['tagStatus'] === 'any' && priority !== highest) {
      errors.push(
        `rules[${index}] selects tagStatus "any" and must have the highest rulePriority (${priority} is lower than ${highest})`,
      );
    }
  });
}
