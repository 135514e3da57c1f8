/**
 * A function's input is the result of its input query: exactly the fields the
 * query selects, under their response keys (aliases), with the fields of an
 * inline fragment or fragment spread only on objects of its type (told by
 * `__typename`). `projectInput` cuts a value holding at least those fields
 * (e.g. what `buildInput` builds for every function) down to that, so that a
 * sample input is what Shopify would send for that query.
 *
 *     projectInput(inputQueryOf("address"), buildInput(spec))
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  isAbstractType,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { CHECKOUT_FUNCTIONS, type CheckoutFunction } from "../src/engine/functions";
import { functionFiles } from "./build";

type Fragments = Record<string, FragmentDefinitionNode>;
type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The query result for `query` cut out of `value`. Every selected field must
 * be present in `value` (null for a null value): a missing one throws, as the
 * result would not be what Shopify sends. Leaves are copied as they are
 * (a JSON scalar such as `jsonValue` included). Without `schema`, a type
 * condition matches only the object whose `__typename` it names; with it,
 * abstract type conditions (interfaces, unions) are resolved too.
 */
export function projectInput(query: DocumentNode, value: unknown, schema?: GraphQLSchema): JsonObject {
  const operations = query.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new Error(`projectInput: the query must have one operation (it has ${operations.length})`);
  const fragments: Fragments = {};
  for (const definition of query.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  if (!isObject(value)) throw new Error("projectInput: the value must be an object");
  return projectObject(operations[0].selectionSet, value, { fragments, schema }, "");
}

interface Context {
  fragments: Fragments;
  schema?: GraphQLSchema;
}

function projectObject(selectionSet: SelectionSetNode, source: JsonObject, context: Context, at: string): JsonObject {
  const out: JsonObject = {};
  collect(selectionSet, source, context, at, out);
  return out;
}

function collect(selectionSet: SelectionSetNode, source: JsonObject, context: Context, at: string, out: JsonObject) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const where = at ? `${at}.${key}` : key;
      if (!(key in source)) throw new Error(`projectInput: the value has no ${where}, which the query selects`);
      const projected = projectValue(selection.selectionSet, source[key], context, where);
      // The same response key selected twice (e.g. in two fragments): the selections merge.
      out[key] = key in out && isObject(out[key]) && isObject(projected) ? merge(out[key] as JsonObject, projected) : projected;
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments[selection.name.value];
      if (!fragment) throw new Error(`projectInput: unknown fragment ${selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : ""}`);
      const condition = fragment.typeCondition?.name.value;
      if (condition === undefined || appliesTo(condition, source, context, at)) collect(fragment.selectionSet, source, context, at, out);
    }
  }
}

function appliesTo(condition: string, source: JsonObject, context: Context, at: string): boolean {
  const typename = source.__typename;
  if (typeof typename !== "string") throw new Error(`projectInput: ${at || "the value"} has no __typename to match "... on ${condition}" against`);
  if (typename === condition) return true;
  const type = context.schema?.getType(condition);
  const concrete = context.schema?.getType(typename);
  if (!type || !concrete || !isAbstractType(type)) return false;
  return context.schema!.getPossibleTypes(type).some((t) => t.name === concrete.name);
}

function projectValue(selectionSet: SelectionSetNode | undefined, value: unknown, context: Context, at: string): unknown {
  if (value === null || value === undefined) return null;
  if (selectionSet === undefined) return value;
  if (Array.isArray(value)) return value.map((item, i) => projectValue(selectionSet, item, context, `${at}[${i}]`));
  if (!isObject(value)) throw new Error(`projectInput: ${at} must be an object (the query selects its fields)`);
  return projectObject(selectionSet, value, context, at);
}

function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = isObject(out[key]) && isObject(value) ? merge(out[key] as JsonObject, value) : value;
  }
  return out;
}

const queries = new Map<CheckoutFunction, DocumentNode>();

/**
 * A function's parsed input query (src/cart_validations_generate_run.graphql
 * of its extension), read once. Found next to this package, or, when this
 * module runs bundled elsewhere (the admin's server build), under
 * `extensions/` of the working directory.
 */
export function inputQueryOf(fn: CheckoutFunction): DocumentNode {
  let query = queries.get(fn);
  if (query === undefined) {
    const beside = functionFiles(fn).inputQuery;
    const fromCwd = path.resolve("extensions", CHECKOUT_FUNCTIONS[fn].handle, "src", path.basename(beside));
    query = parse(readFileSync(existsSync(beside) ? beside : fromCwd, "utf8"));
    queries.set(fn, query);
  }
  return query;
}
