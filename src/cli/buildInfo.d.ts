// A module esbuild.mjs makes at build time for the CLI bundle: the package version and the
// Markdown of every docs/rules/<id>.md, so that SARIF output carries each rule's help page.
declare module 'ecr-lint:build-info' {
  const buildInfo: {
    readonly version: string;
    readonly ruleDocs: Readonly<Record<string, string>>;
  };
  export default buildInfo;
}
