import { getSchema } from '@tiptap/core';
import type { ContentMatch, NodeType, Schema } from '@tiptap/pm/model';
import { MARK_ATTRIBUTES, NODE_ATTRIBUTES, type AttributeCheck } from './attributes';
import { richTextExtensions } from './extensions';

let schema: Schema | undefined;
/** The ProseMirror schema of Préau's editor, built once from the editor's own extension list. */
export function richTextSchema(): Schema {
  schema ??= getSchema(richTextExtensions());
  return schema;
}

/** What one node of the editor may hold, read from the schema's content expressions. */
export interface NodeRule {
  name: string;
  /** The nodes (other than text) that may appear anywhere in its content. */
  children: ReadonlySet<string>;
  /** Whether its content may hold text. */
  text: boolean;
  /** The marks its text may carry. */
  marks: ReadonlySet<string>;
  /** Its attributes and their allowed values (see `attributes.ts`). */
  attributes: ReadonlyMap<string, AttributeCheck>;
}

export interface MarkRule {
  name: string;
  attributes: ReadonlyMap<string, AttributeCheck>;
}

/** The editor's schema as lookup tables (Maps: no name such as `__proto__` or `constructor` is ever found by accident). */
export interface RichTextRules {
  schema: Schema;
  /** The top node (`doc`). */
  top: NodeRule;
  nodes: ReadonlyMap<string, NodeRule>;
  marks: ReadonlyMap<string, MarkRule>;
}

/** Every node type reachable in a content expression (a walk of its automaton). */
function typesOf(start: ContentMatch): Set<NodeType> {
  const types = new Set<NodeType>();
  const seen = new Set<ContentMatch>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const match = queue.pop()!;
    for (let i = 0; i < match.edgeCount; i++) {
      const { type, next } = match.edge(i);
      types.add(type);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return types;
}

function attributeTable(owner: string, spec: Readonly<Record<string, AttributeCheck>> | undefined, names: string[]): Map<string, AttributeCheck> {
  if (!spec) throw new Error(`richtext: ${owner} has no attribute rules (shared/richtext/attributes.ts)`);
  const table = new Map<string, AttributeCheck>();
  for (const name of names) {
    const check = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!check) throw new Error(`richtext: attribute ${owner}.${name} has no rule (shared/richtext/attributes.ts)`);
    table.set(name, check);
  }
  return table;
}

let rules: RichTextRules | undefined;
/**
 * The rules of the editor's schema, derived from it once: which node may contain which (from the content
 * expressions), which marks each may carry, and the attributes of each node and mark with their allowed values.
 * The pad guard, the pad preview and `validateRichText` all read these, so what one accepts the others render.
 */
export function richTextRules(): RichTextRules {
  if (rules) return rules;
  const built = richTextSchema();
  const marks = new Map<string, MarkRule>();
  for (const [name, type] of Object.entries(built.marks)) {
    marks.set(name, { name, attributes: attributeTable(`mark ${name}`, MARK_ATTRIBUTES[name], Object.keys(type.spec.attrs ?? {})) });
  }
  const nodes = new Map<string, NodeRule>();
  for (const [name, type] of Object.entries(built.nodes)) {
    const content = typesOf(type.contentMatch);
    const markNames = content.size > 0 && type.inlineContent ? [...marks.keys()].filter((mark) => type.allowsMarkType(built.marks[mark]!)) : [];
    nodes.set(name, {
      name,
      children: new Set([...content].filter((child) => !child.isText).map((child) => child.name)),
      text: [...content].some((child) => child.isText),
      marks: new Set(markNames),
      attributes: attributeTable(`node ${name}`, NODE_ATTRIBUTES[name], Object.keys(type.spec.attrs ?? {})),
    });
  }
  rules = { schema: built, top: nodes.get(built.topNodeType.name)!, nodes, marks };
  return rules;
}

/**
 * Why a set of attributes does not fit a rule (an unknown name, a bad value), or null. With `complete`, the set is
 * all of them (a mark's attributes in a pad): a missing one counts as null, so a link without a safe href fails.
 */
export function attributesProblem(
  rule: { name: string; attributes: ReadonlyMap<string, AttributeCheck> },
  attributes: unknown,
  options: { complete?: boolean } = {},
): string | null {
  if (attributes === null || attributes === undefined) return options.complete ? attributesProblem(rule, {}, options) : null;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) return `attributes of ${rule.name} are not an object`;
  const given = attributes as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    const check = rule.attributes.get(key);
    if (!check) return `unknown attribute ${key.slice(0, 32)} on ${rule.name}`;
    if (!check(given[key])) return `bad value for ${rule.name}.${key}`;
  }
  if (options.complete) {
    for (const [key, check] of rule.attributes) if (!Object.hasOwn(given, key) && !check(null)) return `missing ${rule.name}.${key}`;
  }
  return null;
}
