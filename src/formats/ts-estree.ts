/**
 * A small ESTree view of a TypeScript syntax tree: the node shapes the JS/TS reader (./js-ts.ts) reads, with
 * the ranges `@typescript-eslint/typescript-estree` gives them (ESLint's parser, which the editor path hands
 * the reader as it is — so both paths must agree on every range the reader reports).
 *
 * Why not typescript-estree itself: it converts every node (checks, modifiers, deprecation getters, a second
 * traversal to drop `loc`), and on a repository of 2,000 SDK-using TypeScript files that conversion and its
 * garbage were 60% of the scan's time (issue 13's profile). This converter builds only what the reader looks
 * at — imports, declarations, calls, member accesses, literals, object literals — and a plain `Node` with
 * its children for everything else; type-only subtrees are never visited.
 *
 * Shapes produced (a subset of ESTree, same field names and ranges):
 *   Program{body}, ImportDeclaration{source, specifiers}, Import{Default,Namespace}Specifier{local},
 *   ImportSpecifier{local, imported}, VariableDeclaration{kind, declarations}, VariableDeclarator{id, init},
 *   ObjectPattern{properties: Property{key, value}}, CallExpression{callee, arguments},
 *   NewExpression{callee, arguments}, ImportExpression{source}, AwaitExpression{argument},
 *   MemberExpression{object, property, computed}, Identifier{name}, Literal{value}, TemplateLiteral{quasis,
 *   expressions}, ObjectExpression{properties: Property{key, value, computed} | SpreadElement{argument}},
 *   LogicalExpression{left, right}, MetaProperty, TSAsExpression / TSNonNullExpression /
 *   TSSatisfiesExpression / TSTypeAssertion{expression}. Parentheses are not nodes (as in ESTree).
 */
import type * as TS from "typescript";

export interface EstreeNode {
  readonly type: string;
  readonly range: [number, number];
  readonly [key: string]: unknown;
}

/** A syntax error TypeScript's parser reported: the first one, with its 1-based line. */
export class TsSyntaxError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(message);
  }
}

const SCRIPT_KINDS: Record<string, keyof typeof TS.ScriptKind> = {
  js: "JS",
  cjs: "JS",
  mjs: "JS",
  jsx: "JSX",
  ts: "TS",
  cts: "TS",
  mts: "TS",
  tsx: "TSX",
};

/**
 * The child keys of each node type of this view, in the order the view writes them (the reader's node index
 * visits children by these, as it does ESLint's program by its parser's visitor keys). Nodes the view has no
 * shape for (`Node`, and the generic `AssignmentPattern` and `FunctionExpression`) have `children`.
 * test/formats/ts-estree.test.ts checks that no node of the view holds a node anywhere else.
 */
export const VIEW_KEYS: Readonly<Record<string, readonly string[]>> = {
  Program: ["body"],
  Node: ["children"],
  AssignmentPattern: ["children"],
  FunctionExpression: ["children"],
  Identifier: [],
  PrivateIdentifier: [],
  Literal: [],
  ThisExpression: [],
  Super: [],
  MetaProperty: [],
  TemplateElement: [],
  TemplateLiteral: ["quasis", "expressions"],
  TSAsExpression: ["expression"],
  TSNonNullExpression: ["expression"],
  TSSatisfiesExpression: ["expression"],
  TSTypeAssertion: ["expression"],
  AwaitExpression: ["argument"],
  MemberExpression: ["object", "property"],
  ImportExpression: ["source", "options"],
  CallExpression: ["callee", "arguments"],
  NewExpression: ["callee", "arguments"],
  LogicalExpression: ["left", "right"],
  BinaryExpression: ["left", "right"],
  ObjectExpression: ["properties"],
  Property: ["key", "value"],
  SpreadElement: ["argument"],
  VariableDeclaration: ["declarations"],
  VariableDeclarator: ["id", "init"],
  ArrayPattern: ["elements"],
  ObjectPattern: ["properties"],
  RestElement: ["argument"],
  ImportDeclaration: ["source", "specifiers"],
  ImportDefaultSpecifier: ["local"],
  ImportNamespaceSpecifier: ["local"],
  ImportSpecifier: ["local", "imported"],
};

/** Parses `text` with TypeScript and returns the ESTree view; throws TsSyntaxError on a syntax error. */
export function parseToEstree(ts: typeof TS, path: string, text: string): EstreeNode {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "ts";
  const kind = ts.ScriptKind[SCRIPT_KINDS[ext] ?? "TS"];
  const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first) {
    const line = sf.getLineAndCharacterOfPosition(first.start).line + 1;
    throw new TsSyntaxError(ts.flattenDiagnosticMessageText(first.messageText, "\n"), line);
  }
  return new Converter(ts, sf).program();
}

class Converter {
  private readonly K: typeof TS.SyntaxKind;

  constructor(
    private readonly ts: typeof TS,
    private readonly sf: TS.SourceFile,
  ) {
    this.K = ts.SyntaxKind;
  }

  program(): EstreeNode {
    const body = this.sf.statements.map((s) => this.node(s)).filter((n): n is EstreeNode => n !== undefined);
    return { type: "Program", range: [body[0]?.range[0] ?? 0, this.sf.text.length], body };
  }

  private range(n: TS.Node): [number, number] {
    return [n.getStart(this.sf), n.end];
  }

  /** Type-only syntax: never holds a value or a call the reader follows. */
  private isTypeOnly(n: TS.Node): boolean {
    const K = this.K;
    return this.ts.isTypeNode(n) || n.kind === K.TypeParameter || n.kind === K.InterfaceDeclaration || n.kind === K.TypeAliasDeclaration;
  }

  private list(nodes: readonly TS.Node[] | undefined): EstreeNode[] {
    const out: EstreeNode[] = [];
    for (const n of nodes ?? []) {
      const c = this.node(n);
      if (c) out.push(c);
    }
    return out;
  }

  /** Any node the reader has no shape for: its range and its converted children, in source order. */
  private generic(n: TS.Node, type: string): EstreeNode {
    const children: EstreeNode[] = [];
    this.ts.forEachChild(n, (c) => {
      const converted = this.node(c);
      if (converted) children.push(converted);
    });
    return { type, range: this.range(n), children };
  }

  private identifier(n: TS.Identifier | TS.PrivateIdentifier): EstreeNode {
    return { type: n.kind === this.K.PrivateIdentifier ? "PrivateIdentifier" : "Identifier", range: this.range(n), name: n.text };
  }

  private literal(n: TS.Node, value: unknown): EstreeNode {
    return { type: "Literal", range: this.range(n), value };
  }

  node(n: TS.Node): EstreeNode | undefined {
    const K = this.K;
    if (this.isTypeOnly(n)) return undefined;
    switch (n.kind) {
      case K.Identifier:
      case K.PrivateIdentifier:
        return this.identifier(n as TS.Identifier);
      case K.StringLiteral:
        return this.literal(n, (n as TS.StringLiteral).text);
      case K.NumericLiteral:
        return this.literal(n, Number((n as TS.NumericLiteral).text));
      case K.TrueKeyword:
        return this.literal(n, true);
      case K.FalseKeyword:
        return this.literal(n, false);
      case K.NullKeyword:
        return this.literal(n, null);
      case K.NoSubstitutionTemplateLiteral: {
        const t = n as TS.NoSubstitutionTemplateLiteral;
        const range = this.range(n);
        return { type: "TemplateLiteral", range, expressions: [], quasis: [{ type: "TemplateElement", range, value: { cooked: t.text } }] };
      }
      case K.TemplateExpression: {
        const t = n as TS.TemplateExpression;
        return { type: "TemplateLiteral", range: this.range(n), quasis: [], expressions: this.list(t.templateSpans.map((s) => s.expression)) };
      }
      case K.ParenthesizedExpression:
        return this.node((n as TS.ParenthesizedExpression).expression);
      case K.AsExpression:
      case K.NonNullExpression:
      case K.SatisfiesExpression:
      case K.TypeAssertionExpression: {
        const type =
          n.kind === K.AsExpression ? "TSAsExpression" : n.kind === K.NonNullExpression ? "TSNonNullExpression" : n.kind === K.SatisfiesExpression ? "TSSatisfiesExpression" : "TSTypeAssertion";
        return { type, range: this.range(n), expression: this.node((n as TS.AsExpression).expression) };
      }
      case K.AwaitExpression:
        return { type: "AwaitExpression", range: this.range(n), argument: this.node((n as TS.AwaitExpression).expression) };
      case K.MetaProperty:
        return { type: "MetaProperty", range: this.range(n) };
      case K.PropertyAccessExpression: {
        const p = n as TS.PropertyAccessExpression;
        return { type: "MemberExpression", range: this.range(n), object: this.node(p.expression), property: this.identifier(p.name), computed: false };
      }
      case K.ElementAccessExpression: {
        const p = n as TS.ElementAccessExpression;
        return { type: "MemberExpression", range: this.range(n), object: this.node(p.expression), property: this.node(p.argumentExpression), computed: true };
      }
      case K.CallExpression: {
        const c = n as TS.CallExpression;
        if (c.expression.kind === K.ImportKeyword) {
          const first = c.arguments[0];
          return { type: "ImportExpression", range: this.range(n), source: first ? this.node(first) : undefined, options: this.list(c.arguments.slice(1)) };
        }
        return { type: "CallExpression", range: this.range(n), callee: this.node(c.expression), arguments: this.list(c.arguments) };
      }
      case K.NewExpression: {
        const c = n as TS.NewExpression;
        return { type: "NewExpression", range: this.range(n), callee: this.node(c.expression), arguments: this.list(c.arguments) };
      }
      case K.BinaryExpression: {
        const b = n as TS.BinaryExpression;
        const op = b.operatorToken.kind;
        const logical = op === K.BarBarToken || op === K.AmpersandAmpersandToken || op === K.QuestionQuestionToken;
        return { type: logical ? "LogicalExpression" : "BinaryExpression", range: this.range(n), left: this.node(b.left), right: this.node(b.right) };
      }
      case K.ObjectLiteralExpression: {
        const properties: EstreeNode[] = [];
        for (const p of (n as TS.ObjectLiteralExpression).properties) {
          const c = this.objectMember(p);
          if (c) properties.push(c);
        }
        return { type: "ObjectExpression", range: this.range(n), properties };
      }
      case K.PropertyAssignment: {
        const p = n as TS.PropertyAssignment;
        return { type: "Property", range: this.range(n), ...this.key(p.name), value: this.node(p.initializer) };
      }
      case K.ShorthandPropertyAssignment: {
        const p = n as TS.ShorthandPropertyAssignment;
        const value = p.objectAssignmentInitializer ? this.generic(p, "AssignmentPattern") : this.identifier(p.name);
        return { type: "Property", range: this.range(n), key: this.identifier(p.name), computed: false, value };
      }
      case K.SpreadAssignment:
      case K.SpreadElement:
        return { type: "SpreadElement", range: this.range(n), argument: this.node((n as TS.SpreadAssignment).expression) };
      case K.ImportDeclaration:
        return this.importDeclaration(n as TS.ImportDeclaration);
      case K.VariableStatement:
        return this.variables((n as TS.VariableStatement).declarationList, this.range(n));
      case K.VariableDeclarationList:
        return this.variables(n as TS.VariableDeclarationList, this.range(n));
      case K.VariableDeclaration: {
        const d = n as TS.VariableDeclaration;
        return { type: "VariableDeclarator", range: this.range(n), id: this.node(d.name), init: d.initializer ? this.node(d.initializer) : undefined };
      }
      case K.ArrayBindingPattern: {
        const elements: EstreeNode[] = [];
        for (const e of (n as TS.ArrayBindingPattern).elements) {
          if (e.kind !== K.BindingElement) continue;
          const c = e.dotDotDotToken ? this.node(e) : e.initializer ? this.generic(e, "AssignmentPattern") : this.node(e.name);
          if (c) elements.push(c);
        }
        return { type: "ArrayPattern", range: this.range(n), elements };
      }
      case K.ObjectBindingPattern:
        return { type: "ObjectPattern", range: this.range(n), properties: this.list((n as TS.ObjectBindingPattern).elements) };
      case K.BindingElement: {
        const e = n as TS.BindingElement;
        if (e.dotDotDotToken) return { type: "RestElement", range: this.range(n), argument: this.node(e.name) };
        const value = e.initializer ? this.generic(e, "AssignmentPattern") : this.node(e.name);
        const keyNode = e.propertyName ?? e.name;
        return { type: "Property", range: this.range(n), ...this.key(keyNode as TS.PropertyName), value };
      }
      // ESTree's value is a RegExp or a bigint: never a string, which is all the reader asks of a literal.
      case K.RegularExpressionLiteral:
        return { type: "Literal", range: this.range(n), value: null, regex: (n as TS.LiteralExpression).text };
      case K.BigIntLiteral:
        return { type: "Literal", range: this.range(n), value: null, bigint: (n as TS.LiteralExpression).text };
      case K.ThisKeyword:
        return { type: "ThisExpression", range: this.range(n) };
      case K.SuperKeyword:
        return { type: "Super", range: this.range(n) };
      default:
        // Other tokens (keywords, modifiers, punctuation) carry nothing the reader reads.
        if (n.kind < K.FirstNode) return undefined;
        return this.generic(n, "Node");
    }
  }

  /** A member of an object literal; methods and accessors are Properties whose value is the function (ESTree). */
  private objectMember(p: TS.ObjectLiteralElementLike): EstreeNode | undefined {
    const K = this.K;
    if (p.kind !== K.MethodDeclaration && p.kind !== K.GetAccessor && p.kind !== K.SetAccessor) return this.node(p);
    const fn = this.generic(p, "FunctionExpression");
    // The function's range runs from its parameter list to the end of its body, as typescript-estree gives it.
    return { type: "Property", range: this.range(p), ...this.key(p.name), value: { ...fn, range: [p.parameters.pos - 1, p.end] } };
  }

  private key(name: TS.PropertyName): { key: EstreeNode | undefined; computed: boolean } {
    if (name.kind === this.K.ComputedPropertyName) return { key: this.node(name.expression), computed: true };
    return { key: this.node(name), computed: false };
  }

  private importDeclaration(d: TS.ImportDeclaration): EstreeNode {
    const specifiers: EstreeNode[] = [];
    const clause = d.importClause;
    if (clause?.name) specifiers.push({ type: "ImportDefaultSpecifier", range: this.range(clause.name), local: this.identifier(clause.name) });
    const bindings = clause?.namedBindings;
    if (bindings?.kind === this.K.NamespaceImport) {
      specifiers.push({ type: "ImportNamespaceSpecifier", range: this.range(bindings), local: this.identifier(bindings.name) });
    } else if (bindings?.kind === this.K.NamedImports) {
      for (const e of bindings.elements) {
        const imported = e.propertyName ? this.node(e.propertyName) : this.identifier(e.name);
        specifiers.push({ type: "ImportSpecifier", range: this.range(e), local: this.identifier(e.name), imported });
      }
    }
    return { type: "ImportDeclaration", range: this.range(d), source: this.node(d.moduleSpecifier), specifiers };
  }

  private variables(list: TS.VariableDeclarationList, range: [number, number]): EstreeNode {
    const scoped = list.flags & 7;
    const kind = scoped === 6 ? "await using" : scoped === 4 ? "using" : scoped === 2 ? "const" : scoped === 1 ? "let" : "var";
    return { type: "VariableDeclaration", range, kind, declarations: this.list(list.declarations) };
  }
}
