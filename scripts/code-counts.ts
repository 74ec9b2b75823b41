// Counts the escapes from the type checker (non-null `!`, `as` casts other than `as const`) in server code, for the
// issue notes that track them. Usage: npm run counts [-- dir ...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const isServerSource = (path: string): boolean =>
  path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts') && !path.includes('/console/');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (isServerSource(path)) yield path;
  }
}

function count(path: string): { nonNull: number; casts: number } {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const totals = { nonNull: 0, casts: 0 };
  const visit = (node: ts.Node): void => {
    if (ts.isNonNullExpression(node)) totals.nonNull++;
    if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.getText() === 'const'))
      totals.casts++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return totals;
}

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['src'];
for (const dir of dirs) {
  const sum = { files: 0, nonNull: 0, casts: 0 };
  for (const path of files(dir)) {
    const c = count(path);
    sum.files++;
    sum.nonNull += c.nonNull;
    sum.casts += c.casts;
  }
  console.log(
    `${dir}: ${sum.files} files, ${sum.nonNull} non-null assertions (!), ${sum.casts} casts (as, not as const)`,
  );
}
