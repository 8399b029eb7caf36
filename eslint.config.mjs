// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-cli/**', 'out/**', 'coverage/**', '.bench/**', 'examples/**', 'test/hostile/files/**', '.stryker-tmp/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // src/core is the pure core: no host, no DOM, no Node API. Hosts are adapters.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['exceljs', 'exceljs/*'], message: 'src/core reste pur : exceljs appartient à src/adapters/exceljs.' },
            { group: ['@microsoft/office-js', 'office-js', 'office-addin-*'], message: 'src/core reste pur : office-js appartient à src/adapters/office.' },
            { group: ['react', 'react-dom', 'react/*', '@fluentui/*'], message: 'src/core reste pur : l’interface est dans src/taskpane.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'stream', 'zlib', 'crypto', 'util', 'buffer'], message: 'src/core reste pur : pas d’API Node (adapters).' },
            { group: ['**/adapters/**', '**/cli/**', '**/taskpane/**'], message: 'src/core ne dépend d’aucun hôte.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'Pas de DOM dans src/core.' },
        { name: 'window', message: 'Pas de DOM dans src/core.' },
        { name: 'Excel', message: 'Pas d’office-js dans src/core.' },
        { name: 'Office', message: 'Pas d’office-js dans src/core.' },
        { name: 'process', message: 'Pas d’API Node dans src/core.' },
        { name: 'require', message: 'Pas de require dynamique dans src/core.' },
      ],
    },
  },
);
