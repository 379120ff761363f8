// Puts each scan finding on the most specific line of the Dockerfile that built the image:
//   1. a RUN of the final stage whose apt-get/apk/yum/dnf/pip/npm/… install names the package;
//   2. for language packages, the final stage's COPY/ADD that brings in the lockfile or manifest
//      (COPY requirements.txt . beats COPY package*.json ./ beats COPY . .), and for OS packages a
//      COPY/ADD that writes the package database itself (COPY status /var/lib/dpkg/status);
//   3. with the image's layers and the finding's sourceLayerHash, the instruction that made that
//      layer: the last K layers are the last K RUN/COPY/ADD of the final stage (and of the stages
//      it builds on with FROM <stage>), earlier layers came with the base image → its FROM;
//   4. else the final stage's FROM: the package came with the base image.
// A layer that came with the base image also rules out step 2 (a language package of the base
// image, e.g. npm's own dependencies in node:20, is not the app's lockfile's doing).
// The Dockerfile is read once with the linter's model; each finding is then a few map lookups
// (memoised per package and per file), so 10,000 findings map in milliseconds. Nothing here throws on a malformed Dockerfile: what
// cannot be placed (no FROM at all) is returned as `unmapped`.
import type { Severity } from '../ecr/model';
import { buildModel, type DockerfileModel, type Instruction, type Script, type Stage } from '../dockerfile/dockerfile';
import { isInstall, packageCommand, type Manager } from '../dockerfile/packages';
import type { ShellWord } from '../dockerfile/shell';
import type { Fix, Range, TextEdit } from '../dockerfile/types';
import { readFields, type FindingFields } from './findingFields';
import { lineMessage } from './lineMessage';
import type { ScanFinding } from './model';
import {
  baseName,
  familyOfFinding,
  familyOfManager,
  isOsPackageDatabase,
  manifestFamily,
  MANIFESTS,
  packageKey,
  pinnedOperand,
  readOperand,
  type PackageFamily,
} from './packageNames';
import { severityRank, sortFindings } from './severity';
import { highestVersion } from './versionOrder';

export type LineAnchor = 'run' | 'copy' | 'from' | 'layer';

export interface LineFindings {
  /** The first line of `range` (0-based). */
  line: number;
  range: Range;
  anchor: LineAnchor;
  /** Worst first, then by id. */
  findings: ScanFinding[];
  /** The worst severity of `findings`. */
  severity: Severity;
  message: string;
  /** For a RUN that installs the packages: pin each package with a known fix, and all at once. */
  fixes: Fix[];
}

export interface MappedFindings {
  /** In document order. */
  lines: LineFindings[];
  unmapped: ScanFinding[];
}

export interface MapOptions {
  /** The image's layer digests in manifest order (getImageLayers), for sourceLayerHash. */
  readonly layerDigests?: readonly string[];
}

/** One package word of an install command in the final stage. */
interface InstallSite {
  readonly instruction: Instruction;
  readonly script: Script;
  readonly word: ShellWord;
  readonly manager: Manager;
  readonly base: string;
}

interface Index {
  readonly model: DockerfileModel;
  readonly final: Stage;
  readonly installs: Map<string, InstallSite>;
  readonly copies: ReadonlyArray<{ instruction: Instruction; sources: string[]; destinations: string[] }>;
  /** Layer-creating instructions of the final stage's chain, in build order. */
  readonly layered: readonly Instruction[];
  /** The FROM of the chain's first stage: where base-image layers come from. */
  readonly rootFrom: Instruction;
  readonly layerPosition: ReadonlyMap<string, number>;
  readonly layerCount: number;
  /** Per family, per package name as the finding spells it: the install that names it (null: none). */
  readonly installMemo: Map<PackageFamily, Map<string, InstallSite | null>>;
  /** Per family, per finding filePath: the copy that brought it (null: none). */
  readonly copyMemo: Map<PackageFamily, Map<string, ScoredCopy | null>>;
}

interface Placement {
  readonly instruction: Instruction;
  readonly anchor: LineAnchor;
  readonly site: InstallSite | undefined;
}

/** A finding with its fields read once (see findingFields.ts) and the line it goes to. */
interface Entry extends FindingFields {
  readonly placement: Placement;
}

function entryOf(index: Index, finding: ScanFinding): Entry {
  const fields = readFields(finding);
  // Field by field, not { ...fields }: V8 gives each spread copy a hidden class of its own, the
  // very cost findingFields.ts avoids.
  return {
    finding,
    id: fields.id,
    severity: fields.severity,
    packageName: fields.packageName,
    installedVersion: fields.installedVersion,
    fixedVersion: fields.fixedVersion,
    fixAvailable: fields.fixAvailable,
    packageManager: fields.packageManager,
    filePath: fields.filePath,
    sourceLayerHash: fields.sourceLayerHash,
    placement: place(index, fields),
  };
}

export function mapFindingsToDockerfile(text: string, findings: readonly ScanFinding[], options: MapOptions = {}): MappedFindings {
  let index: Index | undefined;
  try {
    index = buildIndex(text, options.layerDigests ?? []);
  } catch {
    // The linter's model reads anything; this is a last guard so the views never see a throw.
    index = undefined;
  }
  if (!index) {
    return { lines: [], unmapped: [...findings] };
  }
  const groups = new Map<Instruction, Entry[]>();
  for (const finding of findings) {
    const entry = entryOf(index, finding);
    const instruction = entry.placement.instruction;
    const group = groups.get(instruction);
    if (group) {
      group.push(entry);
    } else {
      groups.set(instruction, [entry]);
    }
  }
  const lines: LineFindings[] = [];
  for (const [instruction, group] of groups) {
    lines.push(lineOf(instruction, group));
  }
  lines.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { lines, unmapped: [] };
}

function buildIndex(text: string, layerDigests: readonly string[]): Index | undefined {
  const model = buildModel(text);
  const final = model.finalStage;
  if (!final) {
    return undefined;
  }
  const installs = new Map<string, InstallSite>();
  const copies: Array<{ instruction: Instruction; sources: string[]; destinations: string[] }> = [];
  for (const instruction of final.instructions) {
    if (instruction.keyword === 'RUN') {
      indexInstalls(instruction, installs);
    } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      const paths = copyPaths(instruction);
      if (paths) {
        copies.push({ instruction, ...paths });
      }
    }
  }
  const chain: Stage[] = [];
  for (let stage: Stage | undefined = final; stage && chain.length < 1000 && !chain.includes(stage); stage = stage.parent) {
    chain.unshift(stage);
  }
  const layered = chain.flatMap((stage) => stage.instructions.filter((instruction) => LAYER_KEYWORDS.has(instruction.keyword)));
  const layerPosition = new Map<string, number>();
  layerDigests.forEach((digest, position) => layerPosition.set(digest, position));
  return { model, final, installs, copies, layered, rootFrom: (chain[0] ?? final).from, layerPosition, layerCount: layerDigests.length, installMemo: new Map(), copyMemo: new Map() };
}

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Later installs of a package win: the last one decides the version in the image. */
function indexInstalls(instruction: Instruction, installs: Map<string, InstallSite>): void {
  for (const { script, command } of instruction.commands()) {
    const pkg = packageCommand(command);
    if (!pkg || !isInstall(pkg)) {
      continue;
    }
    const family = familyOfManager(pkg.manager);
    if (!family) {
      continue;
    }
    const operands = pkg.manager === 'yarn' && pkg.subcommand === 'global' ? pkg.operands.slice(1) : pkg.operands;
    const words = pkg.manager === 'go' && pkg.subcommand !== 'install' && pkg.subcommand !== 'get' ? [] : operands;
    for (const word of words) {
      const operand = readOperand(pkg.manager, word.value);
      if (!operand) {
        continue;
      }
      const site: InstallSite = { instruction, script, word, manager: pkg.manager, base: operand.base };
      for (const name of [operand.name, ...operand.alternatives]) {
        installs.set(packageKey(family, name), site);
      }
    }
  }
}

/** Sources and the destination paths they land on (no leading slash), or undefined for a COPY that cannot be read. */
function copyPaths(instruction: Instruction): { sources: string[]; destinations: string[] } | undefined {
  const json = instruction.json();
  const words = json ?? instruction.operands().map((word) => word.value);
  if (words.length < 2 || (instruction.heredocs.length > 0 && !json)) {
    return undefined;
  }
  const sources = words.slice(0, -1).filter((source) => !/^[a-z]+:\/\//i.test(source));
  const destination = words[words.length - 1] ?? '';
  const workdirRelative = destination.replace(/^\/+/, '');
  const destinations = destination.endsWith('/') || sources.length > 1 ? sources.map((source) => `${workdirRelative.replace(/\/?$/, '/')}${baseName(source)}`) : [workdirRelative];
  return { sources, destinations };
}

function place(index: Index, finding: FindingFields): Placement {
  const family = familyOfFinding(finding);
  const packageName = finding.packageName;
  if (packageName) {
    const site = installFor(index, family, packageName);
    if (site) {
      return { instruction: site.instruction, anchor: 'run', site };
    }
  }
  const layer = layerInstruction(index, finding);
  if (layer !== 'base') {
    const copy = copyFor(index, finding.filePath ?? '', family);
    // A known layer outweighs a copy of the whole context (COPY . .): that only may have brought the file.
    if (copy && (layer === undefined || copy.score >= 2)) {
      return { instruction: copy.instruction, anchor: 'copy', site: undefined };
    }
    if (layer) {
      return { instruction: layer, anchor: 'layer', site: undefined };
    }
  }
  return { instruction: layer === 'base' ? index.rootFrom : index.final.from, anchor: 'from', site: undefined };
}

/** The install that names the package, memoised: thousands of findings share a few hundred names, and normalising a name costs string work. */
function installFor(index: Index, family: PackageFamily, packageName: string): InstallSite | undefined {
  let byName = index.installMemo.get(family);
  if (!byName) {
    byName = new Map();
    index.installMemo.set(family, byName);
  }
  let site = byName.get(packageName);
  if (site === undefined) {
    site = index.installs.get(packageKey(family, packageName)) ?? null;
    byName.set(packageName, site);
  }
  return site ?? undefined;
}

/** The instruction that made the finding's layer, 'base' for a base-image layer, undefined when not known. */
function layerInstruction(index: Index, finding: FindingFields): Instruction | 'base' | undefined {
  const position = finding.sourceLayerHash === undefined ? undefined : index.layerPosition.get(finding.sourceLayerHash);
  if (position === undefined) {
    return undefined;
  }
  const fromTop = index.layerCount - 1 - position;
  const count = index.layered.length;
  return fromTop < count ? index.layered[count - 1 - fromTop] : 'base';
}

interface ScoredCopy {
  readonly instruction: Instruction;
  /** 3: names the file; 2: a pattern that matches it; 1: a directory that may hold it. */
  readonly score: number;
}

/** The copy that brought the finding's package in, memoised per family and filePath (thousands of findings share a few). */
function copyFor(index: Index, filePath: string, family: PackageFamily): ScoredCopy | undefined {
  let byPath = index.copyMemo.get(family);
  if (!byPath) {
    byPath = new Map();
    index.copyMemo.set(family, byPath);
  }
  let found = byPath.get(filePath);
  if (found === undefined) {
    const file = family === 'os' ? filePath : filePath && manifestFamily(filePath) ? baseName(filePath) : '';
    found = (family === 'os' ? databaseCopy(index, file) : lockfileCopy(index, file, family)) ?? null;
    byPath.set(filePath, found);
  }
  return found ?? undefined;
}

/** The COPY/ADD that brings in the lockfile or manifest; the most specific source wins, then the first. */
function lockfileCopy(index: Index, file: string, family: PackageFamily): ScoredCopy | undefined {
  const candidates = file ? [file, ...MANIFESTS[family]] : MANIFESTS[family];
  if (candidates.length === 0) {
    return undefined;
  }
  let best: ScoredCopy | undefined;
  for (const copy of index.copies) {
    for (const source of copy.sources) {
      const score = sourceScore(source, candidates);
      if (score > 0 && (!best || score > best.score)) {
        best = { instruction: copy.instruction, score };
      }
    }
  }
  return best;
}

/** 3: names the file; 2: a pattern that matches it; 1: a directory that may hold it; 0: does not bring it. */
function sourceScore(source: string, files: readonly string[]): number {
  const name = baseName(source);
  if (source === '.' || source === './' || source.endsWith('/') || name === '*' || name === '' || name === '.') {
    return 1;
  }
  if (/[*?[]/.test(name)) {
    const pattern = globPattern(name);
    return files.some((file) => pattern.test(file)) ? 2 : 0;
  }
  if (files.includes(name)) {
    return 3;
  }
  // A name without an extension is most likely a directory (COPY app ./app).
  return name.includes('.') ? 0 : 1;
}

const globCache = new Map<string, RegExp>();

function globPattern(glob: string): RegExp {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    try {
      pattern = new RegExp(`^${body}$`);
    } catch {
      pattern = /^$/;
    }
    globCache.set(glob, pattern);
  }
  return pattern;
}

/** For OS packages: the COPY/ADD that writes the package database (or the finding's filePath). */
function databaseCopy(index: Index, file: string): ScoredCopy | undefined {
  const filePath = file.replace(/^\/+/, '') || undefined;
  let found: ScoredCopy | undefined;
  for (const copy of index.copies) {
    if (copy.destinations.some((destination) => destination === filePath || isOsPackageDatabase(destination))) {
      // The last write of the database is what the image has.
      found = { instruction: copy.instruction, score: 3 };
    }
  }
  return found;
}

const ANCHOR_ORDER: readonly LineAnchor[] = ['run', 'copy', 'layer', 'from'];

function lineOf(instruction: Instruction, entries: readonly Entry[]): LineFindings {
  const sorted = sortFindings(entries);
  // Filled from the sorted entries, so each site's list is in compareFindings order too.
  const bySite = new Map<InstallSite, Entry[]>();
  let anchorRank = ANCHOR_ORDER.length - 1;
  for (const entry of sorted) {
    const { anchor, site } = entry.placement;
    anchorRank = Math.min(anchorRank, ANCHOR_ORDER.indexOf(anchor));
    if (site) {
      const list = bySite.get(site);
      if (list) {
        list.push(entry);
      } else {
        bySite.set(site, [entry]);
      }
    }
  }
  const anchor = ANCHOR_ORDER[anchorRank] ?? 'from';
  const range = rangeOf(instruction, anchor, [...bySite.keys()]);
  return {
    line: range.start.line,
    range,
    anchor,
    findings: sorted.map((entry) => entry.finding),
    severity: sorted[0]?.severity ?? 'UNDEFINED',
    message: lineMessage(sorted),
    fixes: anchor === 'run' ? pinFixes(bySite) : [],
  };
}

function wordRange(site: InstallSite): Range {
  return site.script.text.range(site.word.start, site.word.end);
}

/** RUN: from the first to the last package word named; FROM: the image; else the instruction without heredoc bodies. */
function rangeOf(instruction: Instruction, anchor: LineAnchor, sites: readonly InstallSite[]): Range {
  if (anchor === 'run' && sites.length > 0) {
    const ranges = sites.map(wordRange).sort(compareRanges);
    const first = ranges[0];
    const last = ranges.reduce((latest, range) => (comparePositions(range.end, latest.end) > 0 ? range : latest));
    if (first) {
      return { start: first.start, end: last.end };
    }
  }
  if (anchor === 'from') {
    const image = instruction.stage?.from === instruction ? instruction.stage.imageWord : undefined;
    if (image) {
      return instruction.rangeOf(image.start, image.end);
    }
  }
  return instruction.headRange;
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start);
}

/** One fix per installed package with a known fixed version, plus "Pin all fixed versions" when there are several. */
function pinFixes(bySite: ReadonlyMap<InstallSite, readonly Entry[]>): Fix[] {
  const single: Array<{ fix: Fix; edit: TextEdit; severity: number }> = [];
  for (const [site, list] of bySite) {
    // `list` is sorted worst first, so the first fixable finding gives the fix's severity.
    const fixable = list.filter((finding) => finding.fixedVersion);
    const fixed = highestVersion(fixable.map((finding) => finding.fixedVersion ?? ''));
    if (!fixed) {
      continue;
    }
    const newText = pinnedOperand(site.manager, site.base, fixed);
    if (newText === site.script.text.text.slice(site.word.start, site.word.end)) {
      continue;
    }
    const edit: TextEdit = { range: wordRange(site), newText };
    const ids = [...new Set(fixable.map((finding) => finding.id))];
    const idText = ids.length > 2 ? `${ids.slice(0, 2).join(', ')} +${ids.length - 2}` : ids.join(', ');
    single.push({ fix: { title: `Pin ${newText} (fixes ${idText})`, edits: [edit] }, edit, severity: severityRank(fixable[0]?.severity ?? 'UNDEFINED') });
  }
  single.sort((a, b) => a.severity - b.severity || (a.fix.title < b.fix.title ? -1 : a.fix.title > b.fix.title ? 1 : 0));
  if (single.length === 1 && single[0]) {
    return [{ ...single[0].fix, isPreferred: true }];
  }
  const fixes = single.map((entry) => entry.fix);
  if (single.length > 1) {
    const edits = single.map((entry) => entry.edit).sort((a, b) => compareRanges(a.range, b.range));
    fixes.push({ title: `Pin all fixed versions (${single.length} packages)`, edits, isPreferred: true });
  }
  return fixes;
}
