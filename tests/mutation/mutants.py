"""Small behaviour changes of one module (mutants), made on its syntax tree.

Each operator makes one change a careless edit could make: a comparison off by one (`>` for `>=`), a flipped
test, a guard or a raise dropped, a limit one higher, a result thrown away. Strings are left alone: the messages
are checked word for word by the bad-input catalogue, and a changed docstring changes nothing.
"""
from __future__ import annotations

import ast
import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

SWAPPED_COMPARISONS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
SWAPPED_ARITHMETIC: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
           ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
           ast.Div: "/", ast.FloorDiv: "//", ast.And: "and", ast.Or: "or"}


@dataclass(frozen=True)
class Mutant:
    module: str       # path from the project root, e.g. handouts/plan/personal.py
    number: int       # the mutant's place in the module's list: stable while the module does not change
    line: int
    change: str       # what was changed, e.g. "> -> >="
    code: str         # the source line, stripped: with `change` and `module` it names the mutant in reviews

    @property
    def key(self) -> str:
        return f"{self.module} | {self.code} | {self.change}"


Edit = Callable[[ast.AST], ast.AST]


def _edits(node: ast.AST) -> list[tuple[str, Edit]]:
    """The changes one node allows: (description, function giving the changed node)."""
    out: list[tuple[str, Edit]] = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in SWAPPED_COMPARISONS:
                new = SWAPPED_COMPARISONS[type(op)]
                out.append((f"{SYMBOLS[type(op)]} -> {SYMBOLS[new]}", _swap_comparison(i, new)))
    elif isinstance(node, ast.BoolOp):
        new_op = ast.Or if isinstance(node.op, ast.And) else ast.And
        out.append((f"{SYMBOLS[type(node.op)]} -> {SYMBOLS[new_op]}", lambda n: ast.BoolOp(new_op(), n.values)))
    elif isinstance(node, ast.BinOp) and type(node.op) in SWAPPED_ARITHMETIC:
        arith = SWAPPED_ARITHMETIC[type(node.op)]
        out.append((f"{SYMBOLS[type(node.op)]} -> {SYMBOLS[arith]}", lambda n: ast.BinOp(n.left, arith(), n.right)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append(("not x -> x", lambda n: n.operand))
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        out.append((f"{node.value} -> {not node.value}", lambda n: ast.Constant(not n.value)))
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        out.append((f"{node.value} -> {node.value + 1}", lambda n: ast.Constant(n.value + 1)))
    elif isinstance(node, ast.If | ast.IfExp | ast.While):
        out.append(("condition -> False", lambda n: _replace(n, test=ast.Constant(False))))
    elif isinstance(node, ast.Raise):
        out.append(("raise -> pass", lambda n: ast.Pass()))
    elif isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
        out.append(("return x -> return None", lambda n: ast.Return(ast.Constant(None))))
    elif isinstance(node, ast.Continue):
        out.append(("continue -> pass", lambda n: ast.Pass()))
    return out


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _replace(node: ast.AST, **fields: object) -> ast.AST:
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


def _swap_comparison(index: int, new: type) -> Edit:
    def edit(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.Compare)
        ops = list(node.ops)
        ops[index] = new()
        return ast.Compare(node.left, ops, node.comparators)
    return edit


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes that are never mutated: docstrings, `if TYPE_CHECKING:` and `from __future__` lines."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.update(id(n) for n in ast.walk(body[0]))
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.ImportFrom):
            skip.update(id(n) for n in ast.walk(node))
    return skip


class _Mutator(ast.NodeTransformer):
    """Walks the tree in a fixed order; counts every possible edit and applies the one numbered `target`."""

    def __init__(self, skip: set[int], target: int = -1):
        self.skip, self.target = skip, target
        self.found: list[tuple[int, str]] = []  # (line, change), in walk order

    def generic_visit(self, node: ast.AST) -> ast.AST:
        skipped = id(node) in self.skip
        node = super().generic_visit(node)
        if skipped:
            return node
        for change, edit in _edits(node):
            number = len(self.found)
            self.found.append((getattr(node, "lineno", 0), change))
            if number == self.target:
                node = ast.copy_location(edit(node), node)
        return node


def mutants(module: str, source: str) -> list[Mutant]:
    """Every mutant of the module, in walk order. The same change on the same code (`0 -> 1` three times in
    `prctl(..., 0, 0, 0)`, or one `continue` on two lines) is told apart by its place in walk order,
    "0 -> 1 (2 of 3)", so the equivalent list can name one of them and not the others."""
    tree = ast.parse(source)
    mutator = _Mutator(_skipped(tree))
    mutator.visit(tree)
    lines = source.splitlines()
    named = [(line, change, lines[line - 1].strip() if line else "") for line, change in mutator.found]
    total = Counter((code, change) for _, change, code in named)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for number, (line, change, code) in enumerate(named):
        seen[code, change] += 1
        if total[code, change] > 1:
            change = f"{change} ({seen[code, change]} of {total[code, change]})"
        out.append(Mutant(module, number, line, change, code))
    return out


def mutated_source(source: str, number: int) -> str:
    """The module's source with mutant `number` applied (unparsed: comments and layout are not kept)."""
    tree = ast.parse(source)
    mutator = _Mutator(_skipped(tree), number)
    tree = mutator.visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))
