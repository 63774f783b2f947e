// `npm run lint`: ESLint's recommended rules. The page scripts in src/ are ES modules that esbuild
// bundles for the browser; build.mjs, this file and the tests in test/ run in Node.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['*.js', '*.mjs', 'test/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
];
