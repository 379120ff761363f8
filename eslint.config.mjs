// ESLint flat config: typescript-eslint's type-aware recommended rules over src and test,
// plus the one rule that keeps the pure core free of the editor API.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreFolders = ['src/dockerfile', 'src/lint', 'src/ecr', 'src/scan', 'src/push', 'src/cli'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
      curly: 'error',
    },
  },
  {
    files: coreFolders.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The pure core must run in plain Node; put editor code in src/views.' }],
          patterns: [{ group: ['**/views', '**/views/**'], message: 'The pure core never imports the VS Code adapters in src/views.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
