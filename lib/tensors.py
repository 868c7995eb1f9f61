"""Shapes made visible: parsing shape text, broadcasting, matrix-product shapes and memory size.

Everything here reasons about shapes alone (tuples of ints) so it can explain tensors far too big to
allocate; the page and the tests check every answer against what PyTorch itself computes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import torch

from lib.errors import LessonError
from lib.i18n import translate
from lib.tensors_preprocess import preprocess_table

__all__ = [
    "DTYPES",
    "MATMUL_OPS",
    "BroadcastExplanation",
    "BroadcastRow",
    "MatmulExplanation",
    "broadcast_source_index",
    "broadcast_sources",
    "explain_broadcast",
    "explain_einsum",
    "explain_matmul",
    "format_bytes",
    "format_shape",
    "memory_size",
    "numel",
    "parse_shape",
    "preprocess_table",
    "torch_broadcast_error",
    "torch_matmul_error",
]

MAX_SHAPE_TEXT = 200
MAX_DIMS = 10
MAX_DIM_SIZE = 10**9
_SEPARATORS = re.compile(r"[,\s×xX*]+")

DTYPES: dict[str, torch.dtype] = {
    "float64": torch.float64,
    "float32": torch.float32,
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
    "float8_e4m3fn": torch.float8_e4m3fn,
    "int64": torch.int64,
    "int32": torch.int32,
    "int8": torch.int8,
    "uint8": torch.uint8,
    "bool": torch.bool,
}


def parse_shape(text: str) -> tuple[int, ...]:
    """``"(2,1,3)"``, ``"[5, 1, 4]"``, ``"2x3"`` or ``"2 3"`` -> ``(2, 1, 3)``; ``"()"`` is a scalar's shape.

    Zero-size dims are allowed (PyTorch allows them: a (0, 3) tensor holds no numbers); negative ones are not.
    As in a Python tuple, one trailing comma is fine (``"(3,)"``) but an empty item (``"(2,,3)"``) is refused.
    """
    cleaned = text.strip()
    if len(cleaned) > MAX_SHAPE_TEXT:
        raise LessonError("tensors.shape.too_long", limit=MAX_SHAPE_TEXT)
    if cleaned.startswith("torch.Size(") and cleaned.endswith(")"):
        cleaned = cleaned[len("torch.Size(") : -1].strip()
    opens, closes = cleaned[:1] in ("(", "["), cleaned[-1:] in (")", "]")
    if opens != closes or cleaned.count("(") + cleaned.count("[") > 1:
        raise LessonError("tensors.shape.brackets", text=text.strip()[:40])
    if opens and len(cleaned) >= 2:
        if (cleaned[0], cleaned[-1]) not in {("(", ")"), ("[", "]")}:
            raise LessonError("tensors.shape.brackets", text=text.strip()[:40])
        cleaned = cleaned[1:-1]
        if not cleaned.strip():
            return ()
    items = cleaned.split(",")
    if len(items) > 1 and any(not item.strip() for item in items[:-1]):  # "(2,,3)", "(,3)": Python refuses them too
        raise LessonError("tensors.shape.empty_item", text=text.strip()[:40])
    tokens = [token for token in _SEPARATORS.split(cleaned.strip()) if token]
    if not tokens:
        raise LessonError("tensors.shape.empty")
    dims: list[int] = []
    for token in tokens:
        if not re.fullmatch(r"[+-]?\d+", token):
            raise LessonError("tensors.shape.not_int", token=token[:20])
        size = int(token)
        if size < 0:
            raise LessonError("tensors.shape.negative", size=size)
        if size > MAX_DIM_SIZE:
            raise LessonError("tensors.shape.too_big", size=token[:20], limit=f"{MAX_DIM_SIZE:,}")
        dims.append(size)
    if len(dims) > MAX_DIMS:
        raise LessonError("tensors.shape.too_many_dims", count=len(dims), limit=MAX_DIMS)
    return tuple(dims)


def format_shape(shape: tuple[int, ...]) -> str:
    """``(2, 3)`` -> ``"(2, 3)"``, ``(4,)`` -> ``"(4,)"``: the way Python prints a tuple."""
    return str(tuple(shape))


def numel(shape: tuple[int, ...]) -> int:
    """How many numbers a tensor of ``shape`` holds (exact Python int: no overflow, no allocation)."""
    return math.prod(shape)


def memory_size(shape: tuple[int, ...], dtype: torch.dtype) -> int:
    """Bytes a dense tensor needs: ``element_size × numel``, asked of a meta tensor so nothing is allocated."""
    element_size = torch.empty((), dtype=dtype, device="meta").element_size()
    return element_size * numel(shape)


def format_bytes(size: int) -> str:
    """1536 -> ``"1.5 KiB"``: powers of 1024, like the memory a GPU reports."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024 or unit == "PiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


# --- broadcasting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BroadcastRow:
    """One aligned dimension (``dim`` counts from the right: -1 is the last) of every shape."""

    dim: int
    sizes: tuple[int | None, ...]  # None: that shape has no such dim (it is treated as 1)
    result: int | None  # None: the sizes conflict here
    stretched: tuple[bool, ...]  # the shape's size (1 or missing) is repeated to match the result

    @property
    def ok(self) -> bool:
        """Whether the sizes in this column agree (equal, or 1, or missing)."""
        return self.result is not None


@dataclass(frozen=True)
class BroadcastExplanation:
    """Why shapes do or do not broadcast: per-dim rows, the result, or the first failing dim (from the right)."""

    shapes: tuple[tuple[int, ...], ...]
    rows: tuple[BroadcastRow, ...]  # leftmost dim first, like the shapes are written
    result: tuple[int, ...] | None
    failing_dim: int | None
    message_key: str
    message_params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The explanation in English (pages translate ``message_key`` themselves)."""
        return translate(self.message_key, "en", **self.message_params)


def _broadcast_row(dim: int, shapes: tuple[tuple[int, ...], ...]) -> BroadcastRow:
    sizes = tuple(shape[dim] if len(shape) >= -dim else None for shape in shapes)
    real = {size for size in sizes if size is not None and size != 1}
    result = None if len(real) > 1 else (real.pop() if real else 1)
    stretched = tuple(result is not None and result != 1 and size in (None, 1) for size in sizes)
    return BroadcastRow(dim=dim, sizes=sizes, result=result, stretched=stretched)


MAX_BROADCAST_SHAPES = 64  # shapes explained at once (PyTorch takes any number; a table of more helps no one)


def tensor_name(index: int) -> str:
    """The name of the ``index``-th tensor (0-based) in examples: A … Z, then AA, AB, … like spreadsheet columns."""
    name = ""
    index += 1
    while index:
        index, letter = divmod(index - 1, 26)
        name = chr(ord("A") + letter) + name
    return name


def explain_broadcast(*shapes: tuple[int, ...]) -> BroadcastExplanation:
    """Align ``shapes`` from the right; in each column sizes must be equal or 1 (a 1 or a missing dim stretches).

    Agrees with ``torch.broadcast_shapes``: ``.result`` is its answer, or ``None`` exactly when it raises.
    Any number of shapes from 2 to MAX_BROADCAST_SHAPES.
    """
    if len(shapes) < 2:
        raise LessonError("tensors.broadcast.need_two")
    if len(shapes) > MAX_BROADCAST_SHAPES:
        raise LessonError("tensors.broadcast.too_many", count=len(shapes), limit=MAX_BROADCAST_SHAPES)
    shapes = tuple(tuple(shape) for shape in shapes)
    ndim = max(len(shape) for shape in shapes)
    rows = tuple(_broadcast_row(dim, shapes) for dim in range(-ndim, 0))
    failing = [row for row in rows if not row.ok]
    if failing:
        row = failing[-1]  # the rightmost conflict, the first one PyTorch meets
        sizes = ", ".join(str(size) for size in row.sizes if size is not None)
        return BroadcastExplanation(
            shapes, rows, None, row.dim, "tensors.broadcast.fails", {"dim": row.dim, "sizes": sizes}
        )
    result = tuple(row.result for row in rows if row.result is not None)
    stretched = sum(any(row.stretched) for row in rows)
    return BroadcastExplanation(
        shapes,
        rows,
        result,
        None,
        "tensors.broadcast.ok",
        {"result": format_shape(result), "stretched": stretched},
    )


def torch_broadcast_error(*shapes: tuple[int, ...]) -> str | None:
    """PyTorch's own message for these shapes (``None`` when they broadcast): shown beside ours."""
    try:
        torch.broadcast_shapes(*shapes)
    except (RuntimeError, ValueError) as error:
        return str(error)
    return None


def broadcast_source_index(result_index: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """Which element of a ``shape`` tensor lands at ``result_index`` of the broadcast result.

    The from-scratch rule: drop the result's extra leading dims, then read index 0 wherever the source has size 1.
    """
    aligned = result_index[len(result_index) - len(shape) :] if shape else ()
    return tuple(0 if size == 1 else index for index, size in zip(aligned, shape, strict=True))


def broadcast_sources(shapes: tuple[tuple[int, ...], ...], result: tuple[int, ...]) -> list[torch.Tensor]:
    """For each source shape, a ``result``-shaped tensor of the flat index of the source element used there.

    PyTorch's way (``arange(n).reshape(shape).expand(result)``): no copy, just strides of 0 on the stretched dims.
    """
    return [torch.arange(numel(shape)).reshape(shape).expand(result) for shape in shapes]


# --- matrix products ----------------------------------------------------------------------------

MATMUL_OPS = ("@", "matmul", "mm", "mv", "dot", "bmm")


@dataclass(frozen=True)
class MatmulExplanation:
    """How ``op`` combines two shapes: batch dims (broadcast), the two inner dims, the result or why it fails."""

    op: str
    shape_a: tuple[int, ...]
    shape_b: tuple[int, ...]
    batch: tuple[int, ...] | None  # broadcast batch dims, None when they conflict
    inner: tuple[int | None, int | None]  # the dim of a and of b that are summed over
    result: tuple[int, ...] | None
    message_key: str
    message_params: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # i18n keys: 1-D promotion steps etc.

    @property
    def message(self) -> str:
        """The explanation in English (pages translate ``message_key`` themselves)."""
        return translate(self.message_key, "en", **self.message_params)


def _fail(op: str, a: tuple[int, ...], b: tuple[int, ...], key: str, params: dict[str, object]) -> MatmulExplanation:
    inner = (a[-1] if a else None, (b[-2] if len(b) >= 2 else b[-1]) if b else None)
    return MatmulExplanation(op, a, b, None, inner, None, key, params)


def _required_dims(op: str, a: tuple[int, ...], b: tuple[int, ...]) -> MatmulExplanation | None:
    """``mm``/``mv``/``dot``/``bmm`` accept exactly one rank each (no broadcasting); None when ranks fit."""
    ranks = {"mm": (2, 2), "mv": (2, 1), "dot": (1, 1), "bmm": (3, 3)}.get(op)
    if ranks and (len(a), len(b)) != ranks:
        return _fail(
            op,
            a,
            b,
            "tensors.matmul.rank",
            {"op": op, "need_a": ranks[0], "need_b": ranks[1], "a": len(a), "b": len(b)},
        )
    if op == "bmm" and a[0] != b[0]:
        return _fail(op, a, b, "tensors.matmul.bmm_batch", {"a": a[0], "b": b[0]})
    return None


def explain_matmul(shape_a: tuple[int, ...], shape_b: tuple[int, ...], op: str = "matmul") -> MatmulExplanation:
    """The result shape of ``op(a, b)`` for ``op`` in ``MATMUL_OPS``, following ``torch.matmul``'s rules.

    1-D a is read as (1, k) and b as (k, 1), the added 1 is removed afterwards; dims before the last two are batch
    dims and broadcast; a's last dim must equal b's second-to-last (b's only dim when b is 1-D).
    """
    if op not in MATMUL_OPS:
        raise LessonError("tensors.matmul.unknown_op", op=op)
    a, b = tuple(shape_a), tuple(shape_b)
    if not a or not b:
        return _fail(op, a, b, "tensors.matmul.scalar", {})
    wrong_rank = _required_dims(op, a, b)
    if wrong_rank is not None:
        return wrong_rank
    notes: list[str] = []
    matrix_a = a if len(a) >= 2 else (1, *a)
    matrix_b = b if len(b) >= 2 else (*b, 1)
    if len(a) == 1 and len(b) == 1:
        notes.append("tensors.matmul.note.dot")
    elif len(a) == 1:
        notes.append("tensors.matmul.note.a_vector")
    elif len(b) == 1:
        notes.append("tensors.matmul.note.b_vector")
    inner = (matrix_a[-1], matrix_b[-2])
    batch_explanation = explain_broadcast(matrix_a[:-2], matrix_b[:-2])
    if batch_explanation.result is None:
        return MatmulExplanation(
            op, a, b, None, inner, None, "tensors.matmul.batch_fails", {"dim": batch_explanation.failing_dim}
        )
    batch = batch_explanation.result
    if inner[0] != inner[1]:
        return MatmulExplanation(
            op, a, b, batch, inner, None, "tensors.matmul.inner", {"k_a": inner[0], "k_b": inner[1]}
        )
    rows = (matrix_a[-2],) if len(a) >= 2 else ()  # a 1-D a's added 1 is removed again
    columns = (matrix_b[-1],) if len(b) >= 2 else ()
    result = (*batch, *rows, *columns)
    if len(a) > 2 or len(b) > 2:
        notes.append("tensors.matmul.note.batch")
    return MatmulExplanation(
        op, a, b, batch, inner, result, "tensors.matmul.ok", {"result": format_shape(result)}, tuple(notes)
    )


def torch_matmul_error(shape_a: tuple[int, ...], shape_b: tuple[int, ...], op: str = "matmul") -> str | None:
    """PyTorch's own message for ``op`` on these shapes, computed on the meta device (no memory); None if it works."""
    a = torch.empty(shape_a, device="meta")
    b = torch.empty(shape_b, device="meta")
    function = {"@": torch.matmul, "matmul": torch.matmul}.get(op) or getattr(torch, op)
    try:
        function(a, b)
    except RuntimeError as error:
        return str(error)
    return None


_EINSUM_TEXT = re.compile(r"[a-zA-Z]*,[a-zA-Z]*(->[a-zA-Z]*)?")


def explain_einsum(
    equation: str, shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> tuple[tuple[int, ...], dict[str, int]]:
    """Result shape of ``einsum(equation, a, b)`` and each letter's size; raises LessonError when they clash.

    Each letter names one dim; a letter's sizes must agree (or be 1, which broadcasts); letters missing from the
    output are summed over. Without ``->`` the output is the letters seen once, alphabetically (PyTorch's rule).
    """
    text = equation.replace(" ", "")
    if len(text) > 60 or not _EINSUM_TEXT.fullmatch(text):
        raise LessonError("tensors.einsum.syntax", equation=equation[:60])
    inputs, _, output = text.partition("->")
    letters_a, letters_b = inputs.split(",")
    for letters, shape, name in ((letters_a, shape_a, "a"), (letters_b, shape_b, "b")):
        if len(letters) != len(shape):
            raise LessonError("tensors.einsum.rank", name=name, letters=letters, ndim=len(shape))
        if len(set(letters)) != len(letters):
            raise LessonError("tensors.einsum.repeated", letters=letters)
    sizes: dict[str, int] = {}
    for letter, size in [*zip(letters_a, shape_a, strict=True), *zip(letters_b, shape_b, strict=True)]:
        seen = sizes.get(letter)
        if seen is None or seen == 1:
            sizes[letter] = size
        elif size not in (1, seen):
            raise LessonError("tensors.einsum.clash", letter=letter, first=seen, second=size)
    if "->" not in text:
        counts = letters_a + letters_b
        output = "".join(sorted(letter for letter in set(counts) if counts.count(letter) == 1))
    unknown = [letter for letter in output if letter not in sizes]
    if unknown or len(set(output)) != len(output):
        raise LessonError("tensors.einsum.output", output=output)
    return tuple(sizes[letter] for letter in output), sizes
