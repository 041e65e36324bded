"""Word structure python-docx has no call for: East-Asian fonts, repeated header rows, page fields.

Word and WPS pick a run's Chinese font from ``w:rFonts/@w:eastAsia``; python-docx's
``font.name`` sets only the Latin one, and the built-in heading styles name theme
fonts that win over an explicit font. These helpers write the attributes directly,
so Chinese text renders in 宋体 / 黑体 wherever the report is opened.
"""

from __future__ import annotations

from typing import Any

BODY_FONT = ("Times New Roman", "宋体")
HEADING_FONT = ("Times New Roman", "黑体")
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn  # noqa: PLC0415 - optional extra

    return str(qn(tag))


def set_fonts(
    style_or_run: Any, fonts: tuple[str, str], *, size: float | None = None, bold: bool | None = None
) -> None:
    """Latin and East-Asian font of a style or a run, theme fonts removed so these apply."""
    from docx.shared import Pt, RGBColor  # noqa: PLC0415 - optional extra

    font = style_or_run.font
    font.name = fonts[0]
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    properties = style_or_run.element.get_or_add_rPr()
    fonts_element = properties.get_or_add_rFonts()
    for attribute in _THEME_ATTRIBUTES:
        fonts_element.attrib.pop(_qn(attribute), None)
    fonts_element.set(_qn("w:ascii"), fonts[0])
    fonts_element.set(_qn("w:hAnsi"), fonts[0])
    fonts_element.set(_qn("w:eastAsia"), fonts[1])


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement  # noqa: PLC0415 - optional extra

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(_qn(f"w:{key}"), value)
    return element


def header_row(row: Any) -> None:
    """Mark a table row as a header repeated at the top of every page the table spans."""
    row._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))  # noqa: SLF001 - python-docx's element


def keep_row_whole(row: Any) -> None:
    """A row is never split across pages."""
    row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))  # noqa: SLF001 - python-docx's element


def add_field(paragraph: Any, instruction: str, shown: str = "1") -> None:
    """A field (``PAGE``, ``NUMPAGES``) that Word, WPS and LibreOffice fill in when the page is laid out."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))  # noqa: SLF001
    code = paragraph.add_run()
    text = _element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    code._r.append(text)  # noqa: SLF001
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))  # noqa: SLF001
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))  # noqa: SLF001


def set_language(style: Any, east_asia: str = "zh-CN") -> None:
    """The proofing language of East-Asian text, so Word does not flag every Chinese word."""
    properties = style.element.get_or_add_rPr()
    for old in properties.findall(_qn("w:lang")):  # one w:lang only, last in w:rPr as the schema orders it
        properties.remove(old)
    properties.append(_element("w:lang", val="en-US", eastAsia=east_asia))
