"""One set of column types for every table the project writes or returns.

- `outcome` is an ordered categorical over every outcome kind, in `Outcome`'s order
  (escalation < frozen < settlement < victory < ongoing), dictionary-encoded in Parquet;
- integer columns that can be missing (`outcome_step`: no outcome yet) are nullable `Int64`;
- text columns are pandas' `str` dtype (the default of pandas 3; missing text is NaN), so
  comparisons give plain booleans.

`tidy(frame)` applies these to a DataFrame; `parquet_schema(schema)` gives an Arrow schema the
same types (with pandas metadata), so `pd.read_parquet` returns them without help. Every column
is documented in docs/outputs.md (tests/test_outputs_doc.py checks it against the real tables).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from sim.mechanisms.outcomes import Outcome

OUTCOMES: tuple[str, ...] = tuple(str(o) for o in Outcome)
OUTCOME_DTYPE = pd.CategoricalDtype(list(OUTCOMES), ordered=True)
OUTCOME_ARROW = pa.dictionary(pa.int8(), pa.string(), ordered=True)
STRING_DTYPE = pd.StringDtype(na_value=np.nan)  # "str"
NULLABLE_INTS = ("outcome_step",)


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the project's column types (a new frame; the input is not changed)."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if name == "outcome":
            out[name] = col.astype("object").astype(OUTCOME_DTYPE)
        elif name in NULLABLE_INTS:
            out[name] = col.astype("Int64")
        elif pd.api.types.is_string_dtype(col.dtype) and not isinstance(col.dtype, pd.CategoricalDtype):
            out[name] = col.astype(STRING_DTYPE)
    return out


def outcome_array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Outcome strings as an ordered dictionary array over all outcomes (unknown -> null)."""
    codes = pa.compute.index_in(values, value_set=pa.array(OUTCOMES)).cast(pa.int8())
    return pa.DictionaryArray.from_arrays(codes, pa.array(OUTCOMES), ordered=True)


def parquet_schema(schema: pa.Schema) -> pa.Schema:
    """`schema` with `outcome` as an ordered dictionary and pandas metadata for the dtypes above."""
    fields = [pa.field(f.name, OUTCOME_ARROW) if f.name == "outcome" else f for f in schema]
    typed = pa.schema(fields)
    empty = tidy(typed.empty_table().to_pandas())
    meta = pa.Schema.from_pandas(empty, preserve_index=False).metadata or {}
    return typed.with_metadata({**(schema.metadata or {}), b"pandas": meta[b"pandas"]})


def encode_outcomes(table: pa.Table) -> pa.Table:
    """`table` with its `outcome` column dictionary-encoded over all outcomes."""
    if "outcome" not in table.column_names:
        return table
    idx = table.column_names.index("outcome")
    column = table.column(idx)
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    return table.set_column(idx, pa.field("outcome", OUTCOME_ARROW), outcome_array(column.combine_chunks()))
