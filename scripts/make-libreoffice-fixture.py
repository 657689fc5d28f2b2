#!/usr/bin/python3
"""
Builds test/fixtures/libreoffice-ledger.xlsx: the bundled sample ledger opened and saved by a real
spreadsheet application (LibreOffice Calc), with what exceljs does not model — charts, a pivot table,
defined names (workbook-wide, sheet-local, a print area), custom document properties, a comment —
so test/output/packageEdit.test.ts can check that `hs-score score --out` keeps every one of those
parts byte for byte. It also holds a 年度汇总 sheet "from an earlier run", with its own chart and
comment and a name pointing into it, placed before the analyst's 图表 and 透视 sheets, so that the
first --out already replaces a sheet and has to renumber what follows it.

The .xlsx is committed: the tests do not need LibreOffice. To rebuild it (Debian:
`apt-get install libreoffice-calc-nogui python3-uno`), from the project folder:

    /usr/bin/python3 scripts/make-libreoffice-fixture.py

(Debian's python3-uno is for the system Python, hence /usr/bin/python3.)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress
from com.sun.star.sheet.DataPilotFieldOrientation import ROW, DATA
from com.sun.star.sheet.GeneralFunction import SUM

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')
TARGET = os.path.join(ROOT, 'test', 'fixtures', 'libreoffice-ledger.xlsx')
PIPE = 'hsfixture%d' % os.getpid()


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    office = subprocess.Popen([
        'soffice', '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
        '--headless', '--invisible', '--norestore', '--nologo',
        '--accept=pipe,name=%s;urp;' % PIPE,
    ])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(120):
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % PIPE)
            return office, ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        except Exception:
            time.sleep(0.5)
    office.kill()
    sys.exit('LibreOffice did not start')


def last_row(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow


def build(doc):
    sheets = doc.Sheets
    ledger = sheets.getByName('台账')
    end = last_row(ledger)  # 0-based; the ledger's header is row 3 (index 2), data from row 4

    # A 年度汇总 sheet as an earlier run might have left it, with the analyst's chart and comment on it.
    sheets.insertNewByName('年度汇总', 2)
    stale = sheets.getByName('年度汇总')
    for r, row in enumerate([('单位名称', '年度得分', '年终补贴合计'), ('桃花仑社区', 96.5, 60000), ('合计', None, 60000)]):
        for c, v in enumerate(row):
            if v is None:
                continue
            cell = stale.getCellByPosition(c, r)
            if isinstance(v, str):
                cell.String = v
            else:
                cell.Value = v
    stale.Annotations.insertNew(CellAddress(2, 0, 1), '上次运行的结果，仅供对照')
    stale.Charts.addNewByName('上次得分', Rectangle(9000, 500, 8000, 5000), (CellRangeAddress(2, 0, 0, 1, 1),), True, True)

    # The analyst's chart over a table of formulas that read the ledger.
    sheets.insertNewByName('图表', 3)
    chart_sheet = sheets.getByName('图表')
    chart_sheet.getCellByPosition(0, 0).String = '类型'
    chart_sheet.getCellByPosition(1, 0).String = '劳动力总数'
    for r, kind in enumerate(('社区', '村'), start=1):
        chart_sheet.getCellByPosition(0, r).String = kind
        chart_sheet.getCellByPosition(1, r).Formula = "=SUMIF($'台账'.$C$4:$C$%d;A%d;$'台账'.$H$4:$H$%d)" % (end + 1, r + 1, end + 1)
    chart_sheet.Charts.addNewByName('劳动力按类型', Rectangle(1000, 2000, 12000, 7000), (CellRangeAddress(3, 0, 0, 1, 2),), True, True)

    # A pivot table over the ledger's header row 3 and its rows: 劳动力总数 summed by 所属乡镇.
    sheets.insertNewByName('透视', 4)
    pivot_sheet = sheets.getByName('透视')
    tables = pivot_sheet.DataPilotTables
    desc = tables.createDataPilotDescriptor()
    desc.SourceRange = CellRangeAddress(0, 0, 2, last_column(ledger), end)
    fields = desc.DataPilotFields
    # By position: the ledger's first headers are merged over two rows, so row 3 alone does not name them.
    fields.getByIndex(3).Orientation = ROW  # D 所属乡镇
    data = fields.getByIndex(7)  # H 劳动力总数（人）
    data.Orientation = DATA
    data.Function = SUM
    tables.insertNewByName('乡镇劳动力', CellAddress(4, 0, 0), desc)

    # Defined names: workbook-wide into the ledger and into 年度汇总, one local to 图表, a print area.
    doc.NamedRanges.addNewByName('单位名称列', "$'台账'.$B$4:$B$%d" % (end + 1), CellAddress(0, 0, 0), 0)
    doc.NamedRanges.addNewByName('上次汇总', "$'年度汇总'.$A$1:$C$3", CellAddress(0, 0, 0), 0)
    chart_sheet.NamedRanges.addNewByName('本表数据', "$'图表'.$A$1:$B$3", CellAddress(3, 0, 0), 0)
    ledger.setPrintAreas((CellRangeAddress(0, 0, 0, 7, end),))

    # Custom document properties (docProps/custom.xml): text, number, yes/no.
    user = doc.DocumentProperties.UserDefinedProperties
    user.addProperty('填报单位', 0, '赫山区人社局就业服务中心')
    user.addProperty('台账版本', 0, 3.0)
    user.addProperty('已审核', 0, True)

    doc.CurrentController.setActiveSheet(pivot_sheet)


def last_column(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndColumn


def main():
    profile = tempfile.mkdtemp(prefix='hs-lo-')
    # A copy is opened, so LibreOffice's lock file never lands beside the committed sample.
    source = os.path.join(profile, 'ledger.xlsx')
    shutil.copyfile(SAMPLE, source)
    office, desktop = connect(profile)
    doc = None
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), '_blank', 0, (prop('Hidden', True),))
        if doc is None:
            sys.exit('LibreOffice could not open ' + SAMPLE)
        build(doc)
        doc.calculateAll()
        temp = os.path.join(profile, 'fixture.xlsx')
        doc.storeToURL(uno.systemPathToFileUrl(temp), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
        shutil.copyfile(temp, TARGET)
        print('written', os.path.relpath(TARGET, ROOT))
    finally:
        if doc is not None:
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice exits
        office.wait(timeout=60)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == '__main__':
    main()
