"""Turning a table into a tensor the d2l way: fill missing numbers with the column mean, one-hot the categories
(missing becomes its own category), then ``torch.tensor``. Also reads uploaded CSVs defensively."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch

from lib.errors import LessonError, excerpt

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
MAX_COLUMNS = 50
MAX_ENCODED_COLUMNS = 200


def house_tiny() -> pd.DataFrame:
    """The notes' ``house_tiny.csv``: rooms and alley have gaps (NA), price is complete."""
    text = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
    return pd.read_csv(io.StringIO(text))


@dataclass(frozen=True)
class CsvUpload:
    """A parsed upload plus what the learner should be told about it (i18n keys with parameters)."""

    table: pd.DataFrame
    notes: tuple[tuple[str, dict[str, object]], ...] = ()


DELIMITERS = ",;\t|"  # what spreadsheets write: comma, semicolon (European locales), tab (Excel "Unicode text")
SNIFF_BYTES = 16_384


def _utf16(data: bytes) -> str | None:
    """The text of a UTF-16 file (Excel's "Unicode text"): with a byte-order mark, or without one when every
    other byte of the start is zero (ASCII letters in UTF-16). None when it is not UTF-16."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(head) >= 4 and head[1::2].count(0) >= 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
        encoding = "utf-16-le"
    elif len(head) >= 4 and head[0::2].count(0) >= 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        return None


def _decode(data: bytes) -> tuple[str, list[tuple[str, dict[str, object]]]]:
    """UTF-16 when it is (Excel's "Unicode text"), else UTF-8 (with or without BOM); otherwise Latin-1, which
    never fails, and say so. Other bytes with zeros in them are refused as binary."""
    text = _utf16(data)
    if text is not None:
        return text, []
    if b"\x00" in data[:4096]:
        raise LessonError("tensors.csv.binary")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        note = ("tensors.csv.latin1", {"position": error.start})
        return data.decode("latin-1"), [note]


def sniff_delimiter(text: str) -> str:
    """The column separator of a CSV text: comma, semicolon, tab or bar, guessed from its first lines by
    ``csv.Sniffer``; a comma when nothing else fits (a one-column file has no separator at all)."""
    head = "\n".join(text[:SNIFF_BYTES].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def read_csv_upload(data: bytes) -> CsvUpload:
    """Parse uploaded CSV bytes with caps on size, rows and columns; every problem becomes a clear LessonError.

    Reads UTF-8, UTF-16 and Latin-1 text, and comma-, semicolon-, tab- or bar-separated columns (or just one).
    """
    if not data.strip():
        raise LessonError("tensors.csv.empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise LessonError("tensors.csv.too_big", size=len(data), limit=MAX_UPLOAD_BYTES)
    text, notes = _decode(data)
    if not text.strip():
        raise LessonError("tensors.csv.empty")
    try:
        table = pd.read_csv(io.StringIO(text), sep=sniff_delimiter(text), nrows=MAX_ROWS + 1)
    except pd.errors.EmptyDataError as error:
        raise LessonError("tensors.csv.empty") from error
    except (pd.errors.ParserError, ValueError, csv.Error) as error:
        raise LessonError("tensors.csv.unreadable", detail=excerpt(str(error), 200)) from error
    if table.shape[1] > MAX_COLUMNS:
        raise LessonError("tensors.csv.too_wide", columns=table.shape[1], limit=MAX_COLUMNS)
    if table.empty:
        raise LessonError("tensors.csv.no_rows")
    if len(table) > MAX_ROWS:
        table = table.iloc[:MAX_ROWS]
        notes.append(("tensors.csv.truncated", {"limit": MAX_ROWS}))
    return CsvUpload(table, tuple(notes))


def default_target(columns: list[str]) -> str | None:
    """The column to predict unless the learner picks another: the last one, or none when it is the only one
    (a one-column table is all inputs)."""
    return columns[-1] if len(columns) > 1 else None


@dataclass(frozen=True)
class Preprocessed:
    """Every intermediate step of :func:`preprocess_table`, so a page can show each table and its dtypes."""

    original: pd.DataFrame
    filled: pd.DataFrame  # numeric NaN -> column mean
    encoded: pd.DataFrame  # categoricals one-hot, NaN as its own category, all numeric
    tensor: torch.Tensor  # (rows, encoded columns) float32
    numeric_columns: tuple[str, ...]
    categorical_columns: tuple[str, ...]
    means: dict[str, float]
    notes: tuple[tuple[str, dict[str, object]], ...] = field(default=())


def _mixed_columns(table: pd.DataFrame, categorical: list[str]) -> list[str]:
    """Text columns in which some (not all) values look like numbers: probably a typo, worth a warning."""
    mixed = []
    for column in categorical:
        values = table[column].dropna()
        as_numbers = pd.to_numeric(values.astype(str), errors="coerce")
        if 0 < as_numbers.notna().sum() < len(values):
            mixed.append(str(column))
    return mixed


def preprocess_steps(table: pd.DataFrame) -> Preprocessed:
    """Fill numeric NaN with the column mean, ``get_dummies(dummy_na=True)``, convert to a float32 tensor."""
    if table.shape[1] == 0:
        raise LessonError("tensors.prep.no_inputs")
    if len(table) == 0:
        raise LessonError("tensors.csv.no_rows")
    table = table.copy()
    table.columns = [str(column) for column in table.columns]
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) or table[c].isna().all()]
    categorical = [column for column in table.columns if column not in numeric]
    notes: list[tuple[str, dict[str, object]]] = []
    filled = table.copy()
    means: dict[str, float] = {}
    for column in numeric:
        values = pd.to_numeric(filled[column], errors="coerce").astype("float64")
        mean = float(values.mean())
        means[column] = mean
        if np.isnan(mean):
            notes.append(("tensors.prep.empty_column", {"column": column}))
        filled[column] = values.fillna(mean)
    mixed = _mixed_columns(table, categorical)
    if mixed:
        notes.append(("tensors.prep.mixed", {"columns": ", ".join(mixed)}))
    if not numeric:
        notes.append(("tensors.prep.all_text", {}))
    encoded_width = len(numeric) + sum(table[c].nunique(dropna=True) + 1 for c in categorical)
    if encoded_width > MAX_ENCODED_COLUMNS:
        raise LessonError("tensors.prep.too_many_categories", width=encoded_width, limit=MAX_ENCODED_COLUMNS)
    encoded = pd.get_dummies(filled, columns=categorical, dummy_na=True, dtype="float64") if categorical else filled
    tensor = torch.tensor(encoded.to_numpy(dtype="float64"), dtype=torch.float32)
    return Preprocessed(table, filled, encoded, tensor, tuple(numeric), tuple(categorical), means, tuple(notes))


def preprocess_table(table: pd.DataFrame) -> tuple[pd.DataFrame, torch.Tensor]:
    """The notes' pipeline on the input columns -> (numeric one-hot table, float32 tensor of shape (rows, cols))."""
    steps = preprocess_steps(table)
    return steps.encoded, steps.tensor


def split_target(table: pd.DataFrame, target: str | None) -> tuple[pd.DataFrame, pd.Series | None]:
    """Inputs and outputs like the notes' ``data.iloc[:, 0:2], data.iloc[:, 2]``, by column name (None: no target)."""
    if target is None:
        return table, None
    if target not in table.columns:
        raise LessonError("tensors.prep.no_target", column=target)
    return table.drop(columns=[target]), table[target]


def target_tensor(outputs: pd.Series) -> torch.Tensor:
    """The outputs as a float32 tensor; a target must be numeric and complete to learn from."""
    values = pd.to_numeric(outputs, errors="coerce")
    if values.isna().any():
        raise LessonError("tensors.prep.bad_target", column=str(outputs.name), count=int(values.isna().sum()))
    return torch.tensor(values.to_numpy(dtype="float64"), dtype=torch.float32)


def preprocess_code(table: pd.DataFrame, target: str | None, max_rows: int = 20) -> str:
    """A standalone snippet reproducing the pipeline: small tables are embedded as CSV text, big ones read a file."""
    if len(table) <= max_rows:
        csv_text = table.to_csv(index=False).replace('"""', "'''")
        load = f'data = pd.read_csv(io.StringIO("""{csv_text}"""))'
    else:
        load = "data = pd.read_csv('your.csv')"
    split = f"inputs, outputs = data.drop(columns=[{target!r}]), data[{target!r}]" if target else "inputs = data"
    return (
        "import io\n\nimport pandas as pd\nimport torch\n\n"
        f"{load}\n{split}\n"
        "numeric = inputs.select_dtypes('number').columns\n"
        "inputs[numeric] = inputs[numeric].fillna(inputs[numeric].mean())\n"
        "inputs = pd.get_dummies(inputs, dummy_na=True, dtype=float)\n"
        "X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)\nprint(X)"
    )
