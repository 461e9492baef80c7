"""``report.xlsx``: a summary sheet and one sheet per table (openpyxl write-only, streamed)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from zongjie.batch.schema import ALL_TABLES

MAX_ROWS = 1_048_575  # Excel's limit minus the header row
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEETS = ("documents", "sections", "claims", "placeholders", "findings", "problems", "plans", "errors",
          "themes", "followthrough", "copies")


def _cell(v):
    if isinstance(v, str):
        v = _ILLEGAL.sub("", v)
        return v[:32000]
    if isinstance(v, (bytes, bytearray)):
        return None
    return v


def write_xlsx(out: Path) -> Path:
    from openpyxl import Workbook

    out = Path(out)
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("summary")
    summary.append(["table", "rows", "written"])
    counts = []
    for name in SHEETS:
        path = out / f"{name}.parquet"
        if not path.exists():
            continue
        pf = pq.ParquetFile(path)
        cols = [f.name for f in ALL_TABLES[name] if not pa.types.is_binary(f.type)]
        ws = wb.create_sheet(name)
        ws.append(cols)
        n = 0
        for batch in pf.iter_batches(batch_size=4096, columns=cols, use_threads=False):
            for row in batch.slice(0, MAX_ROWS - n).to_pylist():
                ws.append([_cell(row[c]) for c in cols])
                n += 1
            if n >= MAX_ROWS:
                break
        counts.append([name, pf.metadata.num_rows, n])
    for c in counts:
        summary.append(c)
    tmp = out / ".report.xlsx.tmp"
    wb.save(tmp)
    os.replace(tmp, out / "report.xlsx")
    return out / "report.xlsx"
