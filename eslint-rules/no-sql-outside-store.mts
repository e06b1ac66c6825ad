// main/store is the only code that holds a connection or writes SQL: outside
// it, no import of better-sqlite3 and no prepare/exec/pragma/transaction call
// on anything but a regular expression. (Without type information a call is
// judged by its shape: `.exec` on a regex literal, `new RegExp(...)` or a
// constant bound to either is a RegExp's exec and allowed.)
import type { Rule, Scope } from 'eslint';
import type { Expression, Node, Super } from 'estree';

const CONNECTION_METHODS = new Set(['prepare', 'exec', 'pragma', 'transaction']);

function isRegex(node: Expression | Super | Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal' && 'regex' in node && node.regex) return true;
  return (node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp';
}

function boundToRegex(name: string, scope: Scope.Scope | null): boolean {
  for (let s = scope; s; s = s.upper) {
    const variable = s.set.get(name);
    if (!variable) continue;
    return variable.defs.some((def) => def.type === 'Variable' && def.parent?.kind === 'const' && isRegex(def.node.init));
  }
  return false;
}

export const noSqlOutsideStore: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Only main/store holds a connection or writes SQL.' },
    schema: [],
    messages: {
      driver: 'Only main/store imports better-sqlite3: ask the store for what you need (a named method on store.runs, store.items, store.labels, ...).',
      call: '.{{method}}() on a connection: only main/store runs SQL. Add a named method to the store concern it belongs to.',
    },
  },
  create(context) {
    const driver = (node: Rule.Node, source: unknown) => {
      if (source === 'better-sqlite3') context.report({ node, messageId: 'driver' });
    };
    return {
      ImportDeclaration: (node) => driver(node, node.source.value),
      ImportExpression: (node) => driver(node, node.source.type === 'Literal' ? node.source.value : undefined),
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name === 'require') driver(node, node.arguments[0]?.type === 'Literal' ? node.arguments[0].value : undefined);
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (!CONNECTION_METHODS.has(method)) return;
        const object = callee.object;
        if (method === 'exec' && (isRegex(object) || (object.type === 'Identifier' && boundToRegex(object.name, context.sourceCode.getScope(node))))) return;
        context.report({ node, messageId: 'call', data: { method } });
      },
    };
  },
};
