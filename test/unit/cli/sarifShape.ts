// A structural check of a SARIF log against what the 2.1.0 specification requires and what GitHub
// code scanning additionally insists on (a driver name, a location per result, 1-based regions,
// rule ids, known levels, resolvable uriBaseIds, security-severity as a 0-10 number). Returns the
// problems found, each with its JSON path, so a failing test says exactly what is wrong.

type Json = unknown;
const LEVELS = ['none', 'note', 'warning', 'error'];

/** Members each object may have (the 2.1.0 schema sets additionalProperties false on these). */
const ALLOWED: Record<string, string[]> = {
  log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: [
    'tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts',
    'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens',
    'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences',
    'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses',
    'specialLocations', 'properties',
  ],
  driver: [
    'guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName',
    'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri',
    'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive',
    'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent',
    'translationMetadata', 'supportedTaxonomies', 'properties',
  ],
  rule: [
    'id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription',
    'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties',
  ],
  result: [
    'ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid',
    'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals',
    'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris',
    'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties',
  ],
  region: [
    'startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength',
    'snippet', 'message', 'sourceLanguage', 'properties',
  ],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
};

export function sarifProblems(log: Json): string[] {
  const problems: string[] = [];
  const fail = (path: string, what: string): void => {
    problems.push(`${path}: ${what}`);
  };
  const object = (value: Json, path: string, kind?: string): Record<string, Json> | undefined => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(path, 'must be an object');
      return undefined;
    }
    const record = value as Record<string, Json>;
    for (const key of kind ? Object.keys(record) : []) {
      if (!ALLOWED[kind!]!.includes(key)) {
        fail(`${path}.${key}`, `is not a member of a SARIF ${kind}`);
      }
    }
    return record;
  };
  const array = (value: Json, path: string): Json[] => {
    if (!Array.isArray(value)) {
      fail(path, 'must be an array');
      return [];
    }
    return value;
  };
  const text = (value: Json, path: string): void => {
    if (typeof value !== 'string' || value === '') {
      fail(path, 'must be a non-empty string');
    }
  };
  const message = (value: Json, path: string): void => {
    const record = object(value, path);
    if (record) {
      text(record.text, `${path}.text`);
    }
  };
  const integer = (value: Json, path: string, min: number): number | undefined => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      fail(path, `must be an integer >= ${min}`);
      return undefined;
    }
    return value;
  };
  const uriReference = (value: Json, path: string): void => {
    text(value, path);
    if (typeof value === 'string' && /[\s\\]/.test(value)) {
      fail(path, `"${value}" is not a valid URI reference (spaces and backslashes must be encoded)`);
    }
  };

  const root = object(log, '$', 'log');
  if (!root) {
    return problems;
  }
  if (root.version !== '2.1.0') {
    fail('$.version', 'must be "2.1.0"');
  }
  text(root.$schema, '$.$schema');
  const runs = array(root.runs, '$.runs');
  if (runs.length === 0) {
    fail('$.runs', 'must hold a run');
  }
  runs.forEach((runValue, r) => {
    const at = `$.runs[${r}]`;
    const run = object(runValue, at, 'run');
    if (!run) {
      return;
    }
    const baseIds = run.originalUriBaseIds === undefined ? {} : (object(run.originalUriBaseIds, `${at}.originalUriBaseIds`) ?? {});
    for (const [id, base] of Object.entries(baseIds)) {
      const uri = object(base, `${at}.originalUriBaseIds.${id}`)?.uri;
      if (typeof uri !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(uri) || !uri.endsWith('/')) {
        fail(`${at}.originalUriBaseIds.${id}.uri`, 'must be an absolute URI ending with /');
      }
    }
    const driver = object(object(run.tool, `${at}.tool`)?.driver, `${at}.tool.driver`, 'driver');
    text(driver?.name, `${at}.tool.driver.name`);
    const rules = driver?.rules === undefined ? [] : array(driver.rules, `${at}.tool.driver.rules`);
    const ruleIds: string[] = [];
    rules.forEach((ruleValue, i) => {
      const rat = `${at}.tool.driver.rules[${i}]`;
      const rule = object(ruleValue, rat, 'rule');
      if (!rule) {
        return;
      }
      text(rule.id, `${rat}.id`);
      if (typeof rule.id === 'string') {
        if (ruleIds.includes(rule.id)) {
          fail(`${rat}.id`, `duplicate rule id ${rule.id}`);
        }
        ruleIds.push(rule.id);
      }
      message(rule.shortDescription, `${rat}.shortDescription`);
      if (rule.fullDescription !== undefined) {
        message(rule.fullDescription, `${rat}.fullDescription`);
      }
      if (rule.help !== undefined) {
        message(rule.help, `${rat}.help`);
      }
      if (rule.helpUri !== undefined && !(typeof rule.helpUri === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(rule.helpUri))) {
        fail(`${rat}.helpUri`, 'must be an absolute URI');
      }
      const level = object(rule.defaultConfiguration ?? {}, `${rat}.defaultConfiguration`)?.level;
      if (level !== undefined && !LEVELS.includes(level as string)) {
        fail(`${rat}.defaultConfiguration.level`, `must be one of ${LEVELS.join(', ')}`);
      }
      const properties = rule.properties === undefined ? {} : (object(rule.properties, `${rat}.properties`) ?? {});
      if (properties.tags !== undefined && !array(properties.tags, `${rat}.properties.tags`).every((tag) => typeof tag === 'string')) {
        fail(`${rat}.properties.tags`, 'must be strings');
      }
      const score = properties['security-severity'];
      if (score !== undefined && !(typeof score === 'string' && /^\d+(\.\d+)?$/.test(score) && Number(score) <= 10)) {
        fail(`${rat}.properties.security-severity`, 'must be a number from 0 to 10, as a string');
      }
    });
    array(run.results, `${at}.results`).forEach((resultValue, i) => {
      const rat = `${at}.results[${i}]`;
      const result = object(resultValue, rat, 'result');
      if (!result) {
        return;
      }
      text(result.ruleId, `${rat}.ruleId`);
      if (result.ruleIndex !== undefined) {
        const index = integer(result.ruleIndex, `${rat}.ruleIndex`, 0);
        if (index !== undefined && ruleIds[index] !== result.ruleId) {
          fail(`${rat}.ruleIndex`, `points at ${ruleIds[index]} but ruleId is ${String(result.ruleId)}`);
        }
      }
      if (result.level !== undefined && !LEVELS.includes(result.level as string)) {
        fail(`${rat}.level`, `must be one of ${LEVELS.join(', ')}`);
      }
      message(result.message, `${rat}.message`);
      const locations = array(result.locations, `${rat}.locations`);
      if (locations.length === 0) {
        fail(`${rat}.locations`, 'GitHub needs at least one location');
      }
      locations.forEach((locationValue, l) => {
        const lat = `${rat}.locations[${l}].physicalLocation`;
        const physical = object(object(locationValue, `${rat}.locations[${l}]`)?.physicalLocation, lat);
        const artifact = object(physical?.artifactLocation, `${lat}.artifactLocation`, 'artifactLocation');
        uriReference(artifact?.uri, `${lat}.artifactLocation.uri`);
        if (artifact?.uriBaseId !== undefined && !(typeof artifact.uriBaseId === 'string' && artifact.uriBaseId in baseIds)) {
          fail(`${lat}.artifactLocation.uriBaseId`, 'is not defined in run.originalUriBaseIds');
        }
        const region = object(physical?.region, `${lat}.region`, 'region');
        if (!region) {
          return;
        }
        const startLine = integer(region.startLine, `${lat}.region.startLine`, 1);
        const startColumn = region.startColumn === undefined ? 1 : integer(region.startColumn, `${lat}.region.startColumn`, 1);
        const endLine = region.endLine === undefined ? startLine : integer(region.endLine, `${lat}.region.endLine`, 1);
        const endColumn = region.endColumn === undefined ? undefined : integer(region.endColumn, `${lat}.region.endColumn`, 1);
        if (startLine !== undefined && endLine !== undefined && endLine < startLine) {
          fail(`${lat}.region`, 'ends before it starts');
        }
        if (endLine === startLine && endColumn !== undefined && startColumn !== undefined && endColumn < startColumn) {
          fail(`${lat}.region`, 'ends before it starts');
        }
      });
      if (result.partialFingerprints !== undefined) {
        const prints = object(result.partialFingerprints, `${rat}.partialFingerprints`) ?? {};
        for (const [key, value] of Object.entries(prints)) {
          text(value, `${rat}.partialFingerprints.${key}`);
        }
      }
    });
    if (run.invocations !== undefined) {
      array(run.invocations, `${at}.invocations`).forEach((invocation, i) => {
        if (typeof object(invocation, `${at}.invocations[${i}]`)?.executionSuccessful !== 'boolean') {
          fail(`${at}.invocations[${i}].executionSuccessful`, 'is required and must be a boolean');
        }
      });
    }
  });
  return problems;
}
