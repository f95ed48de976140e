/** The template AST. Every node records `pos`, its offset in the normalised source. */
import type { BinaryOp } from './runtime/operators.js';
import type { CompareOp } from './python-ops.js';

/** Arguments of a call, filter or test. */
export interface Args {
  positional: Expr[];
  keywords: Array<{ name: string; value: Expr }>;
  star?: Expr | undefined;
  dstar?: Expr | undefined;
}

export type Expr =
  | { kind: 'const'; pos: number; value: unknown }
  | { kind: 'name'; pos: number; name: string }
  | { kind: 'tuple'; pos: number; items: Expr[] }
  | { kind: 'list'; pos: number; items: Expr[] }
  | { kind: 'dict'; pos: number; keys: Expr[]; values: Expr[] }
  | { kind: 'getattr'; pos: number; obj: Expr; name: string }
  | { kind: 'getitem'; pos: number; obj: Expr; key: Expr }
  | { kind: 'slice'; pos: number; obj: Expr; start?: Expr | undefined; stop?: Expr | undefined; step?: Expr | undefined }
  | { kind: 'call'; pos: number; callee: Expr; args: Args }
  /** `node` is undefined for the head of a `{% filter %}` block chain (the block body). */
  | { kind: 'filter'; pos: number; node: Expr | undefined; name: string; args: Args }
  | { kind: 'test'; pos: number; node: Expr; name: string; args: Args }
  | { kind: 'cond'; pos: number; test: Expr; then: Expr; else?: Expr | undefined }
  | { kind: 'binop'; pos: number; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'unary'; pos: number; op: 'neg' | 'pos' | 'not'; operand: Expr }
  | { kind: 'and' | 'or'; pos: number; left: Expr; right: Expr }
  | { kind: 'compare'; pos: number; first: Expr; ops: Array<{ op: CompareOp | 'eq' | 'ne' | 'in' | 'notin'; expr: Expr }> }
  | { kind: 'concat'; pos: number; items: Expr[] };

export type CallExpr = Extract<Expr, { kind: 'call' }>;
export type FilterExpr = Extract<Expr, { kind: 'filter' }>;

/** Assignment targets of set/for/with. */
export type Target =
  | { kind: 'name'; pos: number; name: string }
  | { kind: 'tuple'; pos: number; items: Target[] }
  | { kind: 'nsref'; pos: number; name: string; attr: string };

/** A macro signature and body (also used for `caller` of call blocks). */
export interface MacroDef {
  name: string;
  params: string[];
  defaults: Array<Expr | undefined>;
  body: Stmt[];
  catchVarargs: boolean;
  catchKwargs: boolean;
  usesCaller: boolean;
}

export type Stmt =
  | { kind: 'output'; pos: number; items: Array<string | Expr> }
  | { kind: 'for'; pos: number; target: Target; iter: Expr; body: Stmt[]; else: Stmt[]; filter?: Expr | undefined; recursive: boolean; hasLoopControl: boolean }
  | { kind: 'if'; pos: number; test: Expr; body: Stmt[]; else: Stmt[] }
  | { kind: 'macro'; pos: number; def: MacroDef }
  | { kind: 'callblock'; pos: number; call: CallExpr; def: MacroDef }
  | { kind: 'filterblock'; pos: number; filter: Expr; body: Stmt[] }
  | { kind: 'set'; pos: number; target: Target; value: Expr }
  | { kind: 'setblock'; pos: number; target: Target; filter?: Expr | undefined; body: Stmt[] }
  | { kind: 'with'; pos: number; targets: Target[]; values: Expr[]; body: Stmt[] }
  | { kind: 'do'; pos: number; expr: Expr }
  | { kind: 'break' | 'continue'; pos: number }
  | { kind: 'block'; pos: number; name: string; body: Stmt[] }
  | { kind: 'snapshot'; pos: number; name: string; body: Stmt[]; bodyStart: number; bodyEnd: number }
  | { kind: 'docs'; pos: number; name: string; text: string };
