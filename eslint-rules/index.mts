// Candor's own lint rules (eslint.config.mts turns them on).
import type { ESLint } from 'eslint';
import { mainLayers } from './main-layers.mts';
import { noSqlOutsideStore } from './no-sql-outside-store.mts';

export const candorRules: ESLint.Plugin = {
  meta: { name: 'candor' },
  rules: { 'main-layers': mainLayers, 'no-sql-outside-store': noSqlOutsideStore },
};
