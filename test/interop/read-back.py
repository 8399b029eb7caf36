"""Reads a workbook written by Pilotage AVS with openpyxl and prints what survived, as JSON:
tables, number formats of the first data row, data validations, hyperlinks and every formula."""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for ws in wb.worksheets:
    sheet = {"name": ws.title, "tables": [], "validations": [], "hyperlinks": [], "formulas": [], "texts": []}
    for t in ws.tables.values():
        ref = t.ref
        first = ws[ref.split(":")[0]]
        header_row = first.row
        columns = [c.name for c in t.tableColumns]
        formats = {}
        for i, col in enumerate(columns):
            cell = ws.cell(row=header_row + 1, column=first.column + i)
            formats[col] = cell.number_format
        sheet["tables"].append({"name": t.name, "ref": ref, "columns": columns, "formats": formats})
    for dv in ws.data_validations.dataValidation:
        sheet["validations"].append({"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1})
    for row in ws.iter_rows():
        for c in row:
            if c.hyperlink is not None:
                sheet["hyperlinks"].append({"cell": c.coordinate, "location": c.hyperlink.location, "target": c.hyperlink.target})
            if c.data_type == "f":
                sheet["formulas"].append({"cell": c.coordinate, "formula": str(c.value)})
            elif isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                sheet["texts"].append({"cell": c.coordinate, "value": c.value, "type": c.data_type})
    out["sheets"].append(sheet)
print(json.dumps(out, ensure_ascii=False))
