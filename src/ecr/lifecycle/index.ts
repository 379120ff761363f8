// Lifecycle policies: parse and validate the text as ECR does, then evaluate it against images.
export * from './policy';
export { parseLifecyclePolicy, type ParsePolicyResult } from './parsePolicy';
export { evaluateLifecyclePolicy, isSelected } from './evaluatePolicy';
export { countWildcards, matchesWildcard } from './wildcard';
