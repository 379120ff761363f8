// The ECR view's repository and image commands, run inside VS Code against the ecr-local the
// harness started: the questions are answered by a script (the extension's replacePrompts), the
// AWS side is real HTTP, and every check reads ECR back through a client of the test's own.
import * as assert from 'node:assert/strict';
import {
  BatchDeleteImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ListTagsForResourceCommand,
  type CreateRepositoryCommandInput,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { imageUri, listImagesPage } from '../../src/ecr/images';
import type { Connection, Image } from '../../src/ecr/model';
import { getRepository } from '../../src/ecr/repositories';
import type { ActionResult } from '../../src/views/explorer/actions/actionDeps';
import type { ImageNodeData, RepositoryNodeData } from '../../src/views/explorer/nodeTypes';
import type { Prompts } from '../../src/views/explorer/prompts';
import { buildImage, buildIndex, buildLayer, type BuiltImage } from '../ecr-local/seed/imageBuilder';
import { RegistryClient } from '../ecr-local/seed/registryClient';
import { ourExtension } from './extensionInfo';
import { setEcrFaults, testEcr } from './testEcr';

// ---- Scripted answers in place of a person -------------------------------------------------

type Step =
  /** Answer an input box; `rejects` are values its validateInput must refuse first. */
  | { readonly input: string | undefined; readonly rejects?: readonly string[] }
  | { readonly pick: (item: vscode.QuickPickItem & Record<string, unknown>) => boolean }
  | { readonly pickMany: (item: vscode.QuickPickItem & Record<string, unknown>) => boolean }
  | { readonly confirm: boolean };

interface Asked {
  readonly kind: 'input' | 'pick' | 'pickMany' | 'confirm';
  /** Title, prompt, place holder, message and detail, joined: what the person would read. */
  readonly text: string;
  readonly items?: ReadonlyArray<vscode.QuickPickItem & Record<string, unknown>>;
  /** What validateInput said about each rejected value. */
  readonly rejections?: readonly string[];
}

class ScriptedPrompts implements Prompts {
  readonly asked: Asked[] = [];
  private readonly steps: Step[];

  constructor(steps: readonly Step[]) {
    this.steps = [...steps];
  }

  get unanswered(): number {
    return this.steps.length;
  }

  private next(kind: Asked['kind'], text: string): Step {
    const step = this.steps.shift();
    const stepKind = step && ('input' in step ? 'input' : 'pick' in step ? 'pick' : 'pickMany' in step ? 'pickMany' : 'confirm');
    if (!step || stepKind !== kind) {
      throw new Error(`The script expected ${stepKind ?? 'no more questions'} but was asked ${kind}: ${text}`);
    }
    return step;
  }

  async inputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const text = [options.title, options.prompt, options.placeHolder].filter(Boolean).join(' | ');
    const step = this.next('input', text) as Extract<Step, { input: unknown }>;
    const validate = async (value: string): Promise<string | undefined> => {
      const said = await options.validateInput?.(value);
      return typeof said === 'string' ? said : (said?.message ?? undefined);
    };
    const rejections: string[] = [];
    for (const value of step.rejects ?? []) {
      const message = await validate(value);
      if (!message) {
        throw new Error(`validateInput accepted "${value}" in: ${text}`);
      }
      rejections.push(message);
    }
    if (step.input !== undefined) {
      const message = await validate(step.input);
      if (message) {
        throw new Error(`validateInput refused the scripted answer "${step.input}": ${message}`);
      }
    }
    this.asked.push({ kind: 'input', text, rejections });
    return step.input;
  }

  async quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const text = [options.title, options.placeHolder].filter(Boolean).join(' | ');
    const step = this.next('pick', text) as Extract<Step, { pick: unknown }>;
    const described = items as unknown as ReadonlyArray<vscode.QuickPickItem & Record<string, unknown>>;
    this.asked.push({ kind: 'pick', text, items: described });
    const index = described.findIndex(step.pick);
    return Promise.resolve(index < 0 ? undefined : items[index]);
  }

  async quickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    const text = [options.title, options.placeHolder].filter(Boolean).join(' | ');
    const step = this.next('pickMany', text) as Extract<Step, { pickMany: unknown }>;
    const described = items as unknown as ReadonlyArray<vscode.QuickPickItem & Record<string, unknown>>;
    this.asked.push({ kind: 'pickMany', text, items: described });
    return Promise.resolve(items.filter((_item, index) => step.pickMany(described[index]!)));
  }

  async confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    const text = `${message} | ${detail} | ${confirmLabel}`;
    const step = this.next('confirm', text) as Extract<Step, { confirm: unknown }>;
    this.asked.push({ kind: 'confirm', text });
    return Promise.resolve(step.confirm);
  }
}

interface ExplorerApi {
  replacePrompts(replacement: Prompts | undefined): void;
}

async function explorerApi(): Promise<ExplorerApi> {
  const exports = (await ourExtension().activate()) as { explorer?: Partial<ExplorerApi> } | undefined;
  const replacePrompts = exports?.explorer?.replacePrompts;
  if (typeof replacePrompts !== 'function') {
    throw new Error('activate() does not return { explorer: { replacePrompts } }: the tests cannot answer the prompts.');
  }
  return { replacePrompts };
}

// ---- ECR as the test sees it ---------------------------------------------------------------

const env = testEcr();
const connection: Connection = { profile: env.profiles.healthy, region: env.region };
/** Any keys do: ecr-local accepts every signature. */
const ecr = new ECRClient({ endpoint: env.endpoint, region: env.region, credentials: { accessKeyId: 'AKIATESTACTIONS', secretAccessKey: 'test-actions-secret' } });
/** Everything this file creates lives under this namespace, deleted at the end. */
const PREFIX = `actions-test-${Date.now().toString(36)}`;

let registry: RegistryClient | undefined;

async function registryClient(): Promise<RegistryClient> {
  if (!registry) {
    const answer = await ecr.send(new GetAuthorizationTokenCommand({}));
    registry = new RegistryClient(env.endpoint, answer.authorizationData?.[0]?.authorizationToken);
  }
  return registry;
}

async function makeRepository(name: string, input: Partial<CreateRepositoryCommandInput> = {}): Promise<RepositoryNodeData> {
  await ecr.send(new CreateRepositoryCommand({ repositoryName: `${PREFIX}/${name}`, ...input }));
  return { kind: 'repository', connection, repository: await getRepository(ecr, `${PREFIX}/${name}`) };
}

/** A small real image whose digest depends on `content`. */
async function smallImage(content: string, architecture = 'amd64'): Promise<BuiltImage> {
  const layer = await buildLayer([{ path: 'content.txt', content }]);
  return buildImage({ layers: [layer], platform: { os: 'linux', architecture } });
}

async function push(repository: RepositoryNodeData, content: string, tags: readonly string[]): Promise<string> {
  const image = await smallImage(content);
  await (await registryClient()).pushImage(repository.repository.name, image, tags);
  return image.digest;
}

async function images(repository: RepositoryNodeData): Promise<Map<string, Image>> {
  const page = await listImagesPage(ecr, repository.repository.name, { maxResults: 100 });
  return new Map(page.items.map((image) => [image.digest, image]));
}

async function imageNode(repository: RepositoryNodeData, digest: string): Promise<ImageNodeData> {
  const image = (await images(repository)).get(digest);
  assert.ok(image, `ECR lists ${digest} in ${repository.repository.name}`);
  return { kind: 'image', connection, repository: repository.repository, image };
}

async function describedRepository(name: string): Promise<NonNullable<Awaited<ReturnType<typeof describeRepository>>>> {
  const found = await describeRepository(name);
  assert.ok(found, `${name} exists`);
  return found;
}

async function describeRepository(name: string) {
  try {
    const answer = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    return answer.repositories?.[0];
  } catch (error) {
    if ((error as Error).name === 'RepositoryNotFoundException') {
      return undefined;
    }
    throw error;
  }
}

async function tagsOf(repository: RepositoryNodeData, digest: string): Promise<string[] | undefined> {
  return (await images(repository)).get(digest)?.tags.slice().sort();
}

// ---- The tests -----------------------------------------------------------------------------

let api: ExplorerApi;
let prompts: ScriptedPrompts;

function answer(steps: readonly Step[]): ScriptedPrompts {
  prompts = new ScriptedPrompts(steps);
  api.replacePrompts(prompts);
  return prompts;
}

async function run(command: string, ...args: unknown[]): Promise<ActionResult> {
  const result = await vscode.commands.executeCommand<ActionResult | undefined>(`ecrExplorer.${command}`, ...args);
  assert.ok(result, `${command} resolves to what it did`);
  return result;
}

function assertDone(result: ActionResult): asserts result is Extract<ActionResult, { outcome: 'done' }> {
  assert.equal(result.outcome, 'done', JSON.stringify(result));
}

describe('ECR view actions against ecr-local', function () {
  this.timeout(120_000);

  before(async () => {
    api = await explorerApi();
  });

  afterEach(() => {
    api.replacePrompts(undefined);
  });

  after(async () => {
    api?.replacePrompts(undefined);
    const answer = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 1000 }));
    let nextToken = answer.nextToken;
    const names = (answer.repositories ?? []).map((repository) => repository.repositoryName ?? '');
    while (nextToken) {
      const page = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 1000, nextToken }));
      names.push(...(page.repositories ?? []).map((repository) => repository.repositoryName ?? ''));
      nextToken = page.nextToken;
    }
    for (const name of names.filter((candidate) => candidate.startsWith(`${PREFIX}/`))) {
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    }
  });

  describe('copy', () => {
    it('copies the repository URI, an image URI by tag (asking which tag) and by digest, and docker pull commands', async () => {
      const repository = await makeRepository('copy');
      const oneTag = await push(repository, 'copy one tag', ['v1']);
      const twoTags = await push(repository, 'copy two tags', ['v2', 'latest']);
      const uri = repository.repository.uri;
      const clipboard = (): Thenable<string> => vscode.env.clipboard.readText();

      assertDone(await run('copyRepositoryUri', repository));
      assert.equal(await clipboard(), uri);

      const asked = answer([{ pick: (item) => item.label === 'latest' }]);
      assertDone(await run('copyImageUri', await imageNode(repository, twoTags)));
      assert.equal(await clipboard(), `${uri}:latest`);
      assert.deepEqual(asked.asked[0]?.items?.map((item) => item.label).sort(), ['latest', 'v2']);

      answer([]);
      assertDone(await run('copyImageUri', await imageNode(repository, oneTag)));
      assert.equal(await clipboard(), `${uri}:v1`);

      assertDone(await run('copyImageDigestUri', await imageNode(repository, twoTags)));
      assert.equal(await clipboard(), `${uri}@${twoTags}`);

      assertDone(await run('copyPullCommand', await imageNode(repository, oneTag)));
      assert.equal(await clipboard(), `docker pull ${uri}:v1`);
      // Two tags: the digest is the one reference that is not a choice.
      assertDone(await run('copyPullCommand', await imageNode(repository, twoTags)));
      assert.equal(await clipboard(), `docker pull ${imageUri(uri, { digest: twoTags })}`);
      assert.equal(prompts.unanswered, 0);
    });
  });

  describe('create repository', () => {
    const region = { kind: 'region', connection } as const;

    it('creates a repository with every option, asking in five titled steps', async () => {
      const name = `${PREFIX}/created/api`;
      const asked = answer([
        { input: name, rejects: ['Upper/Case', 'a', `${PREFIX}//double`, 'ends-with-dash-'] },
        { pick: (item) => item.mode === 'IMMUTABLE_WITH_EXCLUSION' },
        { input: 'latest, dev-*', rejects: ['', 'bad!', 'a,b,c,d,e,f'] },
        { pick: (item) => item.scanOnPush === true },
        { pick: (item) => item.encryption === 'KMS' },
        { input: 'alias/team-a-images' },
        { input: 'team=a, env=test', rejects: ['team', '=nokey'] },
      ]);
      const result = await run('createRepository', region);
      assertDone(result);
      assert.equal(asked.unanswered, 0);
      assert.deepEqual(
        asked.asked.map((question) => /Create Repository \((\d)\/5\)/.exec(question.text)?.[1]),
        ['1', '2', '2', '3', '4', '4', '5'],
      );
      // Each rejected name got its own message from the validator, as the user types.
      assert.equal(asked.asked[0]?.rejections?.length, 4);
      assert.match(asked.asked[0]?.rejections?.[0] ?? '', /lower ?case/i);

      const created = await describedRepository(name);
      assert.equal(created.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
      assert.deepEqual(
        created.imageTagMutabilityExclusionFilters?.map((filter) => filter.filter).sort(),
        ['dev-*', 'latest'],
      );
      assert.equal(created.imageScanningConfiguration?.scanOnPush, true);
      assert.equal(created.encryptionConfiguration?.encryptionType, 'KMS');
      assert.match(created.encryptionConfiguration?.kmsKey ?? '', /team-a-images/);
      const tags = await ecr.send(new ListTagsForResourceCommand({ resourceArn: created.repositoryArn }));
      assert.deepEqual(
        tags.tags?.map((tag) => `${tag.Key}=${tag.Value}`).sort(),
        ['env=test', 'team=a'],
      );
    });

    it('creates with the defaults: mutable, no scan on push, AES-256, the AWS managed key when KMS is left blank', async () => {
      const name = `${PREFIX}/created/defaults`;
      answer([
        { input: name },
        { pick: (item) => item.mode === 'MUTABLE' },
        { pick: (item) => item.scanOnPush === false },
        { pick: (item) => item.encryption === 'KMS' },
        { input: '' },
        { input: '' },
      ]);
      assertDone(await run('createRepository', region));
      const created = await describedRepository(name);
      assert.equal(created.imageTagMutability, 'MUTABLE');
      assert.equal(created.imageScanningConfiguration?.scanOnPush, false);
      assert.equal(created.encryptionConfiguration?.encryptionType, 'KMS');
      assert.match(created.encryptionConfiguration?.kmsKey ?? '', /alias\/aws\/ecr$/);
    });

    it('creates nothing when cancelled at any step', async () => {
      const name = `${PREFIX}/created/cancelled`;
      const full: Step[] = [
        { input: name },
        { pick: (item) => item.mode === 'MUTABLE' },
        { pick: (item) => item.scanOnPush === true },
        { pick: (item) => item.encryption === 'AES256' },
        { input: '' },
      ];
      const cancelAt = (index: number): Step[] =>
        full.slice(0, index).concat('input' in full[index]! ? [{ input: undefined }] : [{ pick: () => false }]);
      for (let index = 0; index < full.length; index += 1) {
        const asked = answer(cancelAt(index));
        assert.deepEqual(await run('createRepository', region), { outcome: 'cancelled' }, `cancelled at step ${index + 1}`);
        assert.equal(asked.unanswered, 0);
        assert.equal(await describeRepository(name), undefined, `nothing created when cancelled at step ${index + 1}`);
      }
    });

    it('from the palette or the view title, asks which of the chosen regions to create in', async () => {
      const settings = vscode.workspace.getConfiguration('ecrExplorer');
      const profile = env.profiles.healthy;
      const name = `${PREFIX}/palette/api`;
      const usEast = new ECRClient({ endpoint: env.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIATESTACTIONS', secretAccessKey: 'test-actions-secret' } });
      try {
        await settings.update('profiles', [profile], vscode.ConfigurationTarget.Global);
        await settings.update('regions', { [profile]: [env.region, 'us-east-1'] }, vscode.ConfigurationTarget.Global);
        const asked = answer([
          { pick: (item) => (item.connection as Connection | undefined)?.region === 'us-east-1' },
          { input: name },
          { pick: (item) => item.mode === 'MUTABLE' },
          { pick: (item) => item.scanOnPush === false },
          { pick: (item) => item.encryption === 'AES256' },
          { input: '' },
        ]);
        assertDone(await run('createRepository'));
        assert.equal(asked.unanswered, 0);
        assert.match(asked.asked[1]?.text ?? '', /us-east-1/);
        const created = await usEast.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
        assert.equal(created.repositories?.[0]?.repositoryName, name);
        assert.equal(await describeRepository(name), undefined, `nothing created in ${env.region}`);
      } finally {
        await usEast.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
        await settings.update('profiles', undefined, vscode.ConfigurationTarget.Global);
        await settings.update('regions', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('says clearly that a name is taken (ECR decides), and creates nothing else', async () => {
      const existing = await makeRepository('taken');
      answer([
        { input: existing.repository.name },
        { pick: (item) => item.mode === 'IMMUTABLE' },
        { pick: (item) => item.scanOnPush === true },
        { pick: (item) => item.encryption === 'AES256' },
        { input: '' },
      ]);
      const result = await run('createRepository', region);
      assert.equal(result.outcome, 'failed');
      assert.match(result.outcome === 'failed' ? result.message : '', /already exists/);
      // The existing repository kept its own settings.
      assert.equal((await describedRepository(existing.repository.name)).imageTagMutability, 'MUTABLE');
    });
  });

  describe('delete repository', () => {
    it('deletes an empty repository once its name is typed (without force)', async () => {
      const repository = await makeRepository('delete/empty');
      const asked = answer([{ input: repository.repository.name, rejects: ['', 'delete/empty', `${repository.repository.name} `] }]);
      assertDone(await run('deleteRepository', repository));
      assert.match(asked.asked[0]?.text ?? '', /empty repository/);
      assert.equal(await describeRepository(repository.repository.name), undefined);
    });

    it('says how many images go with a non-empty repository and deletes them with force', async () => {
      const repository = await makeRepository('delete/full');
      await push(repository, 'full one', ['one']);
      await push(repository, 'full two', []);
      await push(repository, 'full three', ['three', 'third']);
      const asked = answer([{ input: repository.repository.name }]);
      const result = await run('deleteRepository', repository);
      assertDone(result);
      assert.match(asked.asked[0]?.text ?? '', /ALL 3 of its images/);
      assert.match(result.message, /3 images/);
      assert.equal(await describeRepository(repository.repository.name), undefined);
    });

    it('deletes nothing when the confirmation is cancelled', async () => {
      const repository = await makeRepository('delete/kept');
      const digest = await push(repository, 'kept', ['kept']);
      answer([{ input: undefined }]);
      assert.deepEqual(await run('deleteRepository', repository), { outcome: 'cancelled' });
      assert.deepEqual(await tagsOf(repository, digest), ['kept']);
    });

    it('reports a repository that is gone as a failure, not an exception', async () => {
      const repository = await makeRepository('delete/gone');
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: repository.repository.name }));
      answer([]);
      const result = await run('deleteRepository', repository);
      assert.equal(result.outcome, 'failed');
      assert.equal(result.outcome === 'failed' ? result.problem?.kind : undefined, 'not-found');
    });
  });

  describe('delete tag vs delete image', () => {
    it('deletes only the selected tags, and says when a last tag takes its image along', async () => {
      const repository = await makeRepository('tags');
      const a = await push(repository, 'tags a', ['a1', 'a2']);
      const b = await push(repository, 'tags b', ['b1', 'b2']);
      const c = await push(repository, 'tags c', ['c1']);
      const [nodeB, nodeC] = [await imageNode(repository, b), await imageNode(repository, c)];

      // b has two tags, c one: the user picks among the three.
      const asked = answer([{ pickMany: (item) => item.label === 'b1' || item.label === 'c1' }, { confirm: true }]);
      const result = await run('deleteTag', nodeB, [nodeB, nodeC]);
      assertDone(result);
      assert.equal(result.failures, undefined);
      assert.deepEqual(asked.asked[0]?.items?.map((item) => item.label).sort(), ['b1', 'b2', 'c1']);
      const confirmation = asked.asked[1]?.text ?? '';
      assert.match(confirmation, /removes only that tag/);
      assert.match(confirmation, /:b1\n/);
      assert.match(confirmation, /:c1: the last tag of its image, so ECR deletes the image too/);
      const after = await images(repository);
      assert.deepEqual(after.get(b)?.tags, ['b2'], 'b stays with its other tag');
      assert.equal(after.get(c), undefined, 'c went with its last tag, as BatchDeleteImage does');
      assert.deepEqual(after.get(a)?.tags.slice().sort(), ['a1', 'a2']);

      // One image with one tag selected: nothing to pick, only the confirmation.
      const single = answer([{ confirm: true }]);
      assertDone(await run('deleteTag', await imageNode(repository, b), undefined));
      assert.match(single.asked[0]?.text ?? '', /^Delete the tag .*:b2\?/);
      assert.equal((await images(repository)).has(b), false);
    });

    it('deletes the selected images by digest with all their tags, and explains the difference', async () => {
      const repository = await makeRepository('images');
      const a = await push(repository, 'images a', ['a1', 'a2']);
      const b = await push(repository, 'images b', []);
      const c = await push(repository, 'images c', ['c1']);
      const [nodeA, nodeB] = [await imageNode(repository, a), await imageNode(repository, b)];
      const asked = answer([{ confirm: true }]);
      assertDone(await run('deleteImage', nodeA, [nodeA, nodeB]));
      assert.match(asked.asked[0]?.text ?? '', /ALL its tags/);
      assert.match(asked.asked[0]?.text ?? '', /a1, a2/);
      const after = await images(repository);
      assert.deepEqual([...after.keys()], [c]);
    });

    it('deletes nothing when the confirmation is declined', async () => {
      const repository = await makeRepository('declined');
      const a = await push(repository, 'declined a', ['a1']);
      answer([{ confirm: false }]);
      assert.deepEqual(await run('deleteImage', await imageNode(repository, a), undefined), { outcome: 'cancelled' });
      answer([{ confirm: false }]);
      assert.deepEqual(await run('deleteTag', await imageNode(repository, a), undefined), { outcome: 'cancelled' });
      assert.deepEqual(await tagsOf(repository, a), ['a1']);
    });

    it('reports each image ECR refused with its failure code and reason, and deletes the rest', async () => {
      const repository = await makeRepository('failures');
      const kept = await push(repository, 'failures kept', ['keep']);
      const stale = await imageNode(repository, await push(repository, 'failures stale', ['gone']));
      // Make `stale` stale: delete it behind the view's back.
      await ecr.send(new BatchDeleteImageCommand({ repositoryName: repository.repository.name, imageIds: [{ imageDigest: stale.image.digest }] }));
      const keptNode = await imageNode(repository, kept);

      answer([{ confirm: true }]);
      const result = await run('deleteImage', keptNode, [keptNode, stale]);
      assertDone(result);
      assert.equal(result.failures?.length, 1);
      assert.match(result.failures?.[0] ?? '', new RegExp(`@${stale.image.digest.slice(0, 19)}.*ImageNotFound`));
      assert.match(result.message, /did not delete 1 of 2/);
      assert.equal((await images(repository)).size, 0);
    });

    it('deletes a manifest list and says its platform images stay as untagged images', async () => {
      const repository = await makeRepository('index');
      const index = buildIndex([await smallImage('index amd64', 'amd64'), await smallImage('index arm64', 'arm64')]);
      await (await registryClient()).pushIndex(repository.repository.name, index, ['multi']);
      const node = await imageNode(repository, index.digest);
      assert.ok(node.image.isIndex);
      const asked = answer([{ confirm: true }]);
      assertDone(await run('deleteImage', node, [node]));
      assert.match(asked.asked[0]?.text ?? '', /platform images stay as untagged images/);
      const after = await images(repository);
      assert.deepEqual([...after.keys()].sort(), index.images.map((image) => image.digest).sort());
    });
  });

  describe('repository settings', () => {
    it('changes the tag mutability, with exclusion filters, marking the current mode', async () => {
      const repository = await makeRepository('mutability');
      const asked = answer([
        { pick: (item) => item.mode === 'MUTABLE_WITH_EXCLUSION' },
        { input: 'v*, release-*', rejects: ['', 'bad filter!', '1,2,3,4,5,6'] },
      ]);
      assertDone(await run('setTagMutability', repository));
      const current = asked.asked[0]?.items?.find((item) => item.picked);
      assert.equal(current?.mode, 'MUTABLE');
      assert.match(String(current?.description), /current/);
      let described = await describedRepository(repository.repository.name);
      assert.equal(described.imageTagMutability, 'MUTABLE_WITH_EXCLUSION');
      assert.deepEqual(described.imageTagMutabilityExclusionFilters?.map((filter) => filter.filter).sort(), ['release-*', 'v*']);

      // Back to immutable: no filters asked.
      const again = answer([{ pick: (item) => item.mode === 'IMMUTABLE' }]);
      assertDone(await run('setTagMutability', { ...repository, repository: await getRepository(ecr, repository.repository.name) }));
      assert.equal(again.asked[0]?.items?.find((item) => item.picked)?.mode, 'MUTABLE_WITH_EXCLUSION');
      described = await describedRepository(repository.repository.name);
      assert.equal(described.imageTagMutability, 'IMMUTABLE');
    });

    it('turns a failing ECR into a message saying what failed, and that retrying may help', async () => {
      const repository = await makeRepository('failing');
      await setEcrFaults('error500:1');
      let result: ActionResult;
      try {
        result = await run('enableScanOnPush', repository);
      } finally {
        await setEcrFaults('');
      }
      assert.equal(result.outcome, 'failed');
      assert.match(result.outcome === 'failed' ? result.message : '', new RegExp(`scan on push for ${repository.repository.name}`));
      assert.equal(result.outcome === 'failed' ? result.problem?.retryable : undefined, true);
      assert.equal((await describedRepository(repository.repository.name)).imageScanningConfiguration?.scanOnPush, false);
    });

    it('turns scan on push on and off', async () => {
      const repository = await makeRepository('scan-on-push');
      assertDone(await run('enableScanOnPush', repository));
      assert.equal((await describedRepository(repository.repository.name)).imageScanningConfiguration?.scanOnPush, true);
      assertDone(await run('disableScanOnPush', repository));
      assert.equal((await describedRepository(repository.repository.name)).imageScanningConfiguration?.scanOnPush, false);
    });
  });

  describe('scans and documents', () => {
    it('starts a basic scan, then explains the one-scan-per-24-hours limit', async () => {
      const repository = await makeRepository('scan');
      const digest = await push(repository, 'scan me', ['v1']);
      const started = await run('startImageScan', await imageNode(repository, digest));
      assertDone(started);
      const scanned = await waitForScan(repository, digest);
      const again = await run('startImageScan', { kind: 'image', connection, repository: repository.repository, image: scanned });
      assert.equal(again.outcome, 'failed');
      assert.match(again.outcome === 'failed' ? again.message : '', /once every 24 hours.*scan it again after/);
    });

    it('opens manifests as JSON documents of their own scheme, and sends a manifest list\'s configuration to its platforms', async () => {
      const repository = await makeRepository('documents');
      const index = buildIndex([await smallImage('documents amd64', 'amd64'), await smallImage('documents arm64', 'arm64')]);
      await (await registryClient()).pushIndex(repository.repository.name, index, ['multi']);
      const single = await imageNode(repository, await push(repository, 'documents single', ['single']));

      const manifest = await openedJson(await run('openManifest', single));
      assert.equal(manifest.json.schemaVersion, 2);
      assert.equal(manifest.document.languageId, 'json');
      assert.equal(manifest.document.uri.scheme, 'ecr-image');
      assert.match(manifest.document.uri.path, new RegExp(`/${repository.repository.name}@${single.image.digest}/manifest\\.json$`));

      // The configuration comes through GetDownloadUrlForLayer and the URL it hands out.
      const config = await openedJson(await run('openImageConfig', single));
      assert.equal(config.json.architecture, 'amd64');
      assert.equal(config.json.os, 'linux');
      assert.equal(config.document.uri.scheme, 'ecr-image');
      assert.match(config.document.uri.path, new RegExp(`/${repository.repository.name}@${single.image.digest}/config\\.json$`));

      const indexNode = await imageNode(repository, index.digest);
      const list = await openedJson(await run('openManifest', indexNode));
      assert.deepEqual(
        (list.json.manifests as Array<{ digest: string }>).map((entry) => entry.digest),
        index.images.map((image) => image.digest),
      );
      const indexConfig = await run('openImageConfig', indexNode);
      assert.equal(indexConfig.outcome, 'failed');
      assert.match(indexConfig.outcome === 'failed' ? indexConfig.message : '', /choose a platform/);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('reports an image that is gone when opening its manifest, instead of opening an empty document', async () => {
      const repository = await makeRepository('documents-gone');
      const node = await imageNode(repository, await push(repository, 'documents gone', ['gone']));
      await ecr.send(new BatchDeleteImageCommand({ repositoryName: repository.repository.name, imageIds: [{ imageDigest: node.image.digest }] }));
      const result = await run('openManifest', node);
      assert.equal(result.outcome, 'failed');
      assert.equal(result.outcome === 'failed' ? result.problem?.kind : undefined, 'not-found');
    });
  });
});

async function waitForScan(repository: RepositoryNodeData, digest: string): Promise<Image> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const image = (await images(repository)).get(digest);
    if (image?.scan?.status === 'COMPLETE' || image?.scan?.status === 'FAILED') {
      return image;
    }
    if (Date.now() > deadline) {
      throw new Error(`The scan of ${digest} did not finish in 30 s; last status: ${image?.scan?.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openedJson(result: ActionResult): Promise<{ document: vscode.TextDocument; json: Record<string, unknown> }> {
  assertDone(result);
  assert.ok(result.uri, 'the result names the document');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  return { document, json: JSON.parse(document.getText()) as Record<string, unknown> };
}
