"""Helpers for the deck tests: a slide's XML and title, and the checks every deck must pass (text that
fits its shape, contrast of at least 4.5:1, alt text on every graphic)."""

from __future__ import annotations

from lxml import etree

from brukerreise.render import textfit
from brukerreise.export.deck.style import contrast
from brukerreise.render.resources import definition

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
EMU_PER_PT = 12700
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def slide_xml(slide):
    return slide._element


def title_of(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def check_alt_text(prs) -> None:
    """Every shape, connector, table and picture has alt text, unless it is marked decorative."""
    for slide in prs.slides:
        tree = slide_xml(slide).find("p:cSld/p:spTree", NS)
        for sp in tree.findall("p:sp", NS):
            if sp.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None or sp.find("p:nvSpPr/p:cNvSpPr", NS).get("txBox") == "1":
                continue
            c_nv_pr = sp.find("p:nvSpPr/p:cNvPr", NS)
            if c_nv_pr.find(f"a:extLst/a:ext/{{{DECORATIVE}}}decorative", NS) is not None:
                continue  # marked decorative: screen readers skip it
            assert c_nv_pr.get("descr"), "a shape without alt text"
        for tag, path in (("p:cxnSp", "p:nvCxnSpPr/p:cNvPr"), ("p:graphicFrame", "p:nvGraphicFramePr/p:cNvPr"),
                          ("p:pic", "p:nvPicPr/p:cNvPr")):
            for el in tree.findall(tag, NS):
                c_nv_pr = el.find(path, NS)
                if c_nv_pr.find(f"a:extLst/a:ext/{{{DECORATIVE}}}decorative", NS) is not None:
                    continue  # a leg of an arrow whose last leg carries its alt text
                assert c_nv_pr.get("descr"), f"{tag} without alt text"


def _paragraph_height(p, width_pt: float) -> float:
    runs = p.findall("a:r", NS)
    sizes = [int(r.find("a:rPr", NS).get("sz")) / 100 for r in runs]
    end = p.find("a:endParaRPr", NS)
    if not sizes:
        sizes = [int(end.get("sz")) / 100]
    total = 0.0
    text = ""
    for child in p:
        name = etree.QName(child).localname
        if name == "r":
            text += child.find("a:t", NS).text or ""
        elif name == "br":
            text += "\n"
    bold = any(r.find("a:rPr", NS).get("b") == "1" for r in runs)
    size = max(sizes)
    lines = textfit.wrap(text, width_pt, size, bold)
    total += len(lines) * textfit.line_height(size)
    spc = p.find("a:pPr/a:spcAft/a:spcPts", NS)
    if spc is not None:
        total += int(spc.get("val")) / 100
    spc = p.find("a:pPr/a:spcBef/a:spcPts", NS)
    if spc is not None:
        total += int(spc.get("val")) / 100
    return total


def check_fits(prs) -> None:
    for slide in prs.slides:
        tree = slide_xml(slide).find("p:cSld/p:spTree", NS)
        for sp in tree.findall("p:sp", NS):
            body = sp.find("p:txBody", NS)
            if body is None or body.find("a:p/a:r", NS) is None:
                continue
            pr = body.find("a:bodyPr", NS)
            ext = sp.find("p:spPr/a:xfrm/a:ext", NS)
            w = int(ext.get("cx")) / EMU_PER_PT - (int(pr.get("lIns")) + int(pr.get("rIns"))) / EMU_PER_PT
            h = int(ext.get("cy")) / EMU_PER_PT - (int(pr.get("tIns")) + int(pr.get("bIns"))) / EMU_PER_PT
            need = sum(_paragraph_height(p, w) for p in body.findall("a:p", NS))
            assert need <= h + 0.01, f"text overflows on «{title_of(slide)}»: needs {need:.1f} pt of {h:.1f}"
        for frame in tree.findall("p:graphicFrame", NS):
            tbl = frame.find(".//a:tbl", NS)
            widths = [int(g.get("w")) / EMU_PER_PT for g in tbl.findall("a:tblGrid/a:gridCol", NS)]
            for tr in tbl.findall("a:tr", NS):
                row_h = int(tr.get("h")) / EMU_PER_PT
                for tc, w in zip(tr.findall("a:tc", NS), widths, strict=True):
                    pr = tc.find("a:tcPr", NS)
                    inner_w = w - (int(pr.get("marL")) + int(pr.get("marR"))) / EMU_PER_PT
                    inner_h = row_h - (int(pr.get("marT")) + int(pr.get("marB"))) / EMU_PER_PT
                    need = sum(_paragraph_height(p, inner_w) for p in tc.findall("a:txBody/a:p", NS))
                    assert need <= inner_h + 0.01, f"a table cell overflows on «{title_of(slide)}»"


def _fill_of(el) -> str | None:
    clr = el.find("a:solidFill/a:srgbClr", NS)
    return "#" + clr.get("val") if clr is not None else None


def check_contrast(prs) -> None:
    background = definition("theme.yaml")["background"]
    for slide in prs.slides:
        tree = slide_xml(slide).find("p:cSld/p:spTree", NS)
        for sp in tree.findall("p:sp", NS):
            fill = _fill_of(sp.find("p:spPr", NS)) or background
            for rpr in sp.findall("p:txBody/a:p/a:r/a:rPr", NS):
                colour = _fill_of(rpr)
                assert colour, "every run has an explicit colour"
                assert contrast(colour, fill) >= 4.5, (title_of(slide), colour, fill)
        for tc in tree.findall(".//a:tc", NS):
            fill = _fill_of(tc.find("a:tcPr", NS)) or background
            for rpr in tc.findall("a:txBody/a:p/a:r/a:rPr", NS):
                assert contrast(_fill_of(rpr), fill) >= 4.5
