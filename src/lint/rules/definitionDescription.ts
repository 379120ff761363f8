// definition-description: BuildKit (experimental) reads the comment right above FROM … AS x or
// ARG x as its description, so it should start with x; linter pragmas are not descriptions.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'definition-description',
    title: 'Stage or ARG comment does not start with its name',
    category: 'style',
    defaultSeverity: 'info',
    defaultEnabled: false,
    aliases: ['InvalidDefinitionDescription'],
    summary: 'BuildKit (experimental): a comment right above FROM … AS x or ARG x should start with x.',
  },
  check(context): void {
    const model = context.model;
    for (const instruction of model.instructions) {
      let name: string | undefined;
      if (instruction.keyword === 'FROM') {
        name = instruction.stage?.alias?.value;
      } else if (instruction.keyword === 'ARG') {
        name = instruction.keyValues(false)[0]?.key;
      }
      const above = instruction.startLine - 1;
      const comment = /^[ \t]*#[ \t]?(.*)$/.exec(model.lines[above] ?? '');
      if (!name || !comment || !model.commentLines.includes(above)) {
        continue;
      }
      const first = (comment[1] ?? '').trim().split(/\s+/)[0] ?? '';
      if (first !== name && !/^(?:hadolint|ecr-lint|checkov|trivy|dockerfile-utils|syntax|escape|check)\b/.test(comment[1] ?? '')) {
        context.report({
          instruction,
          range: { start: { line: above, character: 0 }, end: { line: above, character: (model.lines[above] ?? '').length } },
          message: `The comment above ${instruction.keyword} ${name} is read as its description; start it with "${name}" (e.g. "# ${name} …") or separate it with an empty line.`,
        });
      }
    }
  },
};
