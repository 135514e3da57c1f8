/**
 * Finds every Prisma query in TypeScript source (the TypeScript compiler's own
 * parser, not a regular expression) and says which are not scoped to one shop:
 *
 * - `<client>.<model>.<operation>(args)` for each model of prisma/schema.prisma:
 *   reads, updates, deletes, counts and upserts must have `shop` in their
 *   `where` (directly, in a compound unique key such as `{ shop_function: { shop,
 *   function } }`, or in one branch of an `AND`); creates must have `shop` in
 *   their `data`. A `where`/`data` held in a variable or spread is followed to
 *   its declaration in the same file; one that cannot be followed is a finding,
 *   not a pass.
 * - `$queryRaw` / `$executeRaw` (and the Unsafe forms): the SQL must name `shop`.
 */
import ts from "typescript";

export interface QueryFinding {
  file: string;
  line: number;
  /** e.g. "rule.findUnique" or "$queryRaw" */
  query: string;
  reason: string;
}

const WHERE_OPERATIONS = new Set([
  "findMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow",
  "update", "updateMany", "updateManyAndReturn", "delete", "deleteMany",
  "count", "aggregate", "groupBy", "upsert",
]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);
const RAW = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]);

export function analyzePrismaQueries(file: string, source: string, models: string[]): { queries: number; findings: QueryFinding[] } {
  const delegates = new Set(models.map((m) => m[0].toLowerCase() + m.slice(1)));
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: QueryFinding[] = [];
  let queries = 0;
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  /** Variable initialisers by name, to follow `where: filter` or `...base` to their object. */
  const declarations = new Map<string, ts.Expression[]>();
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      declarations.set(node.name.text, [...(declarations.get(node.name.text) ?? []), node.initializer]);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  function objectOf(expr: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | null {
    if (!expr || depth > 4) return null;
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return objectOf(expr.expression, depth);
    if (ts.isObjectLiteralExpression(expr)) return expr;
    if (ts.isIdentifier(expr)) {
      const inits = declarations.get(expr.text);
      // Several declarations of one name: only if every one of them is scoped (checked by the caller per object).
      return inits?.length === 1 ? objectOf(inits[0], depth + 1) : null;
    }
    return null;
  }

  const nameOf = (p: ts.ObjectLiteralElementLike) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;

  /** Whether an object (a where, a data) pins `shop`. */
  function hasShop(expr: ts.Expression | undefined, depth = 0): boolean {
    const obj = objectOf(expr, depth);
    if (!obj) return false;
    for (const p of obj.properties) {
      const name = nameOf(p);
      if (name === "shop" && (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return true;
      if (ts.isSpreadAssignment(p) && hasShop(p.expression, depth + 1)) return true;
      if (ts.isPropertyAssignment(p) && name === "AND" && ts.isArrayLiteralExpression(p.initializer)) {
        if (p.initializer.elements.some((e) => hasShop(e, depth + 1))) return true;
      }
      // A compound unique key: { shop_function: { shop, function } }.
      if (ts.isPropertyAssignment(p) && name !== "AND" && name !== "OR" && name !== "NOT" && /(^|_)shop(_|$)/.test(name ?? "") && hasShop(p.initializer, depth + 1)) return true;
    }
    return false;
  }

  function property(obj: ts.ObjectLiteralExpression | null, name: string): ts.Expression | undefined {
    if (!obj) return undefined;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && nameOf(p) === name) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
    }
    // `{ ...args }`: look through one spread.
    for (const p of obj.properties) if (ts.isSpreadAssignment(p)) return property(objectOf(p.expression), name);
    return undefined;
  }

  /** `data` of a create: an object, an array of objects, or `list.map((x) => ({ … }))`. */
  function dataHasShop(data: ts.Expression | undefined): boolean {
    if (!data) return false;
    if (ts.isArrayLiteralExpression(data)) return data.elements.length > 0 && data.elements.every((e) => hasShop(e));
    if (ts.isCallExpression(data) && ts.isPropertyAccessExpression(data.expression) && data.expression.name.text === "map") {
      const fn = data.arguments[0];
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
        const body = ts.isBlock(fn.body) ? undefined : fn.body;
        return hasShop(body);
      }
      return false;
    }
    return hasShop(data);
  }

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const op = node.expression.name.text;
      const receiver = node.expression.expression;
      if (ts.isPropertyAccessExpression(receiver) && delegates.has(receiver.name.text) && (WHERE_OPERATIONS.has(op) || CREATE_OPERATIONS.has(op))) {
        queries += 1;
        const query = `${receiver.name.text}.${op}`;
        const args = objectOf(node.arguments[0]);
        const reasons: string[] = [];
        if (WHERE_OPERATIONS.has(op) && !hasShop(property(args, "where"))) reasons.push("its where does not pin shop");
        if (CREATE_OPERATIONS.has(op) && !dataHasShop(property(args, "data"))) reasons.push("its data does not set shop");
        if (op === "upsert" && !hasShop(property(args, "create"))) reasons.push("its create does not set shop");
        if (reasons.length) findings.push({ file, line: lineOf(node), query, reason: reasons.join("; ") });
      }
      if (RAW.has(op)) {
        queries += 1;
        const sql = node.arguments.map((a) => a.getText(sf)).join(" ");
        if (!/\bshop\b/i.test(sql)) findings.push({ file, line: lineOf(node), query: op, reason: "its SQL does not name shop" });
      }
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isPropertyAccessExpression(node.tag) && RAW.has(node.tag.name.text)) {
      queries += 1;
      if (!/\bshop\b/i.test(node.template.getText(sf))) {
        findings.push({ file, line: lineOf(node), query: node.tag.name.text, reason: "its SQL does not name shop" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { queries, findings };
}
