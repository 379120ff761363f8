// Entry point VS Code's extension host calls (extensionTestsPath): runs the mocha suite of this
// folder in the real extension host. Under the code-server harness the reporter's output travels
// back through the UI bridge, in order; under @vscode/test-electron it goes to stdout, and the
// *.ui.test files, which read the rendered workbench through that bridge, are not loaded.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { bridgeUrl, postLog } from './uiBridge';

/** Files that must run first: laziness can only be observed before anything activates us. */
const FIRST = ['activation.test.js'];

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  let flushed: Promise<void> = Promise.resolve();
  if (bridgeUrl()) {
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      const line = `${format(...args)}\n`;
      flushed = flushed.then(() => postLog(line));
    };
  }
  const files = testFiles(__dirname);
  const uiFiles = files.filter((file) => file.endsWith('.ui.test.js'));
  for (const file of bridgeUrl() ? files : files.filter((file) => !uiFiles.includes(file))) {
    mocha.addFile(file);
  }
  if (!bridgeUrl()) {
    // The UI checks read the rendered workbench, which only the code-server harness can show them.
    console.log(`Not loaded without the code-server harness (they read the rendered page): ${uiFiles.map((f) => basename(f)).join(', ')}`);
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  await flushed;
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed.`);
  }
}

function testFiles(folder: string): string[] {
  const names = readdirSync(folder).filter((name) => name.endsWith('.test.js'));
  const rank = (name: string): number => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name) => join(folder, name));
}
