"""Spreadsheets made to exhaust a reader, generated small in the tests (never committed)."""

from __future__ import annotations

import functools
import io
import zipfile

from tests.imports.kept import kept

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_REL_NS}><sheets>'
    '<sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Thôn, xóm</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Họ và tên chủ hộ</t></is></c></row>'
)


def xlsx(sheet_body: str, *, before: str = "", after: str = "", shared: bytes = b"") -> bytes:
    """A workbook of one sheet: `before` the sheetData (dimension), `after` it (merges)."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>{before}'
        f"<sheetData>{sheet_body}</sheetData>{after}</worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr(
            "xl/sharedStrings.xml",
            shared or f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="0"/>'.encode(),
        )
    return out.getvalue()


@functools.cache  # zipping it costs a quarter of a second: made once (tests/imports/kept.py)
def empty_rows(n: int = 3_000_000) -> bytes:
    """Millions of empty rows after the header: a few dozen kilobytes zipped."""
    return kept(lambda: xlsx(HEADER + "<row/>" * n), "empty rows", n)


def far_column() -> bytes:
    cell = '<row r="2"><c r="ZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(HEADER + cell)


def merged_sheet() -> bytes:
    return xlsx(HEADER, after='<mergeCells count="1"><mergeCell ref="A2:ZZZZ200000"/></mergeCells>')


def declared_dimension() -> bytes:
    return xlsx(HEADER, before='<dimension ref="A1:XFD1048576"/>')


@functools.cache  # zipping it costs half a second: made once (tests/imports/kept.py)
def shared_strings_bomb(n: int = 3_000_000) -> bytes:
    """Millions of shared strings that no cell uses."""

    def make() -> bytes:
        body = b"<si><t>x</t></si>" * n
        head = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="{n}" uniqueCount="{n}">'
        return xlsx(HEADER, shared=head.encode() + body + b"</sst>")

    return kept(make, "shared-strings bomb", n)


def blank_csv(size: int = 1024 * 1024) -> bytes:
    return "Thôn, xóm,Họ và tên chủ hộ\n".encode() + b"\n" * size


ATTACKS = {
    "3 million empty rows": empty_rows,
    "a cell at column ZZZZZ": far_column,
    "merged A2:ZZZZ200000": merged_sheet,
    "declared dimension A1:XFD1048576": declared_dimension,
    "shared-strings bomb": shared_strings_bomb,
    "1 MB CSV of blank lines": blank_csv,
}
