"""Saves the pilotage workbook the way other programs do, for test/golden/refill-any-saver.test.ts.

  refill-savers.py openpyxl IN OUT   open and save with openpyxl (absolute part names, no cached results)
  refill-savers.py hand IN OUT       openpyxl, then hand edits: the user's sheet renamed, a column added
                                     to the programming table (table resized), a comment, a user chart
  refill-savers.py read IN           JSON of what the test checks: notes, user sheets, charts, comments
"""
import json
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment


def find(ws, level, code):
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 1).value == level and str(ws.cell(r, 2).value) == code:
            return r
    raise SystemExit(f'row {level} {code} missing')


def header(ws):
    return {str(c.value): c.column for c in ws[4] if c.value is not None}


def hand(wb):
    ws = wb['Programmation 2020']
    h = header(ws)
    extra = max(h.values()) + 1
    ws.cell(4, extra).value = 'Suivi CAF'
    ws.cell(find(ws, 'Action', '4.6.1'), extra).value = 'Dossier complet'
    t = ws.tables['Programmation2020']
    first, last = t.ref.split(':')
    col = openpyxl.utils.get_column_letter(extra)
    row = ''.join(ch for ch in last if ch.isdigit())
    t.ref = f'{first}:{col}{row}'
    t.autoFilter.ref = t.ref
    from openpyxl.worksheet.table import TableColumn
    t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1, name='Suivi CAF'))
    ws.cell(find(ws, 'Action', '4.6.1'), h['Commentaire']).comment = Comment('Vu avec Mme Martin', 'Technicienne')
    notes = wb['Mes notes']
    notes.title = "Notes d'avril (COPIL)"
    chart = BarChart()
    chart.title = 'Mon graphique'
    chart.add_data(Reference(notes, min_col=2, min_row=2, max_row=4), titles_from_data=False)
    notes.add_chart(chart, 'E2')


def read(path):
    wb = openpyxl.load_workbook(path)
    ws = wb['Programmation 2020']
    h = header(ws)
    out = {'sheets': wb.sheetnames, 'notes': {}, 'user': {}, 'comments': 0, 'charts': 0, 'chartsBySheet': {}, 'extra': None}
    for level, code, col in [('Action', '4.6.1', 'Décision comité technique'), ('Action', '4.6.1', 'Commentaire'),
                             ('Action', '4.6.1', 'Priorité'), ('Axe', '3', 'Décision comité technique')]:
        out['notes'][f'{level} {code} {col}'] = ws.cell(find(ws, level, code), h[col]).value
    if 'Suivi CAF' in h:
        out['extra'] = ws.cell(find(ws, 'Action', '4.6.1'), h['Suivi CAF']).value
    for s in wb.worksheets:
        if s.title.startswith('Mes notes') or s.title.startswith('Notes'):
            out['user'][s.title] = [[c.value for c in row] for row in s.iter_rows()]
        out['charts'] += len(s._charts)
        if s._charts:
            out['chartsBySheet'][s.title] = len(s._charts)
        out['comments'] += sum(1 for row in s.iter_rows() for c in row if c.comment)
    print(json.dumps(out, ensure_ascii=False, default=str))


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'read':
        read(sys.argv[2])
    else:
        wb = openpyxl.load_workbook(sys.argv[2])
        if mode == 'hand':
            hand(wb)
        wb.save(sys.argv[3])
