"""Lists the charts openpyxl reads back from a workbook, as JSON: per sheet, each chart's type,
grouping, title, series names / value ranges and category range (ws._charts after load)."""
import json
import sys

import openpyxl


def ref(source):
    if source is None:
        return None
    for kind in ("numRef", "strRef"):
        r = getattr(source, kind, None)
        if r is not None:
            return r.f
    return None


def title(chart):
    try:
        return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))
    except AttributeError:
        return None


wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    charts = []
    for c in ws._charts:
        charts.append({
            "type": type(c).__name__,
            "barDir": getattr(c, "type", None) if type(c).__name__ == "BarChart" else None,
            "grouping": c.grouping,
            "title": title(c),
            "series": [{"name": ref(s.tx), "values": ref(s.val), "categories": ref(s.cat)} for s in c.series],
            "from": [c.anchor._from.row, c.anchor._from.col],
            "to": [c.anchor.to.row, c.anchor.to.col],
        })
    out[ws.title] = charts
print(json.dumps(out, ensure_ascii=False))
