// The order of rooms inside main/, checked on every import (as VS Code's
// code-layering rule checks its layers): a file may import its own layer or
// any layer below it, never one above.
//
//   transports (electron, serve, cli)  ->  handlers  ->  compute, import, report  ->  store  ->  platform  ->  shared
//
// Type-only imports count too: a type from a higher layer is still knowledge of it.
import type { Rule } from 'eslint';
import { dirname, relative, resolve, sep } from 'node:path';

export interface Layer {
  name: string;
  /** Paths relative to the repository root: a folder ends in '/', a file does not. */
  paths: string[];
}

/** Lowest first. shared/ sits below all of them (any layer may import it). */
export const MAIN_LAYERS: Layer[] = [
  { name: 'platform', paths: ['main/workers/'] },
  { name: 'store', paths: ['main/store/'] },
  { name: 'compute, import, report', paths: ['main/compute/', 'main/import/', 'main/report/'] },
  { name: 'handlers', paths: ['main/handlers/'] },
  { name: 'transports', paths: ['main/electron/', 'main/cli/', 'main/serve.ts', 'main/paths.ts'] },
];

const ORDER = 'transports (electron, serve, cli) -> handlers -> compute, import, report -> store -> platform (workers) -> shared';

/** The layer index of a repository-relative path under main/, -1 for none. */
export function layerOf(path: string, layers: Layer[] = MAIN_LAYERS): number {
  const normal = path.split(sep).join('/');
  return layers.findIndex((layer) => layer.paths.some((p) => (p.endsWith('/') ? normal.startsWith(p) : normal === p)));
}

/** Repository-relative path of a file, found from its main/ segment (lint may run from any folder). */
function fromRoot(file: string, root: string): string {
  return relative(root, file).split(sep).join('/');
}

export const mainLayers: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: `Inside main/, import only your own layer or a lower one: ${ORDER}.` },
    schema: [],
    messages: {
      upward: '{{from}} ({{fromLayer}}) may not import {{to}} ({{toLayer}}): inside main/ the order is ' + ORDER + '.',
      unplaced: '{{from}} is in no layer of main/: add its folder to MAIN_LAYERS in eslint-rules/main-layers.mts.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = fromRoot(context.filename, root);
    if (!file.startsWith('main/')) return {};
    const own = layerOf(file);
    const check = (node: Rule.Node, source: unknown) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = fromRoot(resolve(dirname(context.filename), source), root);
      if (!target.startsWith('main/')) return;
      const theirs = layerOf(target);
      if (theirs > own) {
        context.report({
          node,
          messageId: 'upward',
          data: { from: file, fromLayer: MAIN_LAYERS[own]!.name, to: target, toLayer: MAIN_LAYERS[theirs]!.name },
        });
      }
    };
    return {
      Program(node) {
        if (own === -1) context.report({ node, messageId: 'unplaced', data: { from: file } });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
