#!/usr/bin/python3
"""Shape of one report's documents, for the benchmark's floor (floor.c).

    shape.py REPORT_DIR SHAPE_DIR

Reads the three workbooks and three PDFs peel-run wrote in REPORT_DIR and
writes, for each, a plain list of what it holds: every cell (number, text
with its shared string's number, formula with its cached value), format
(number format, font name, size, style and colour, fill, borders,
alignment, indent, wrap), conditional format, column width, row height,
note (text, author, size), link, chart (placement and scale, series with
their fills, data labels and label format, title font, axes, legend),
defined name, filter, native table (with its header formats), page setup
(orientation, fit, margins, page breaks, header, footer, repeated rows) and
document property of the workbooks; every drawing and text operator of
each PDF page (decoded to UTF-8), the fonts, the characters their subsets
hold, the ToUnicode map, the bookmark tree with each destination, the
links, the information entries in the order written, and the catalogue's
language and viewer preference.
floor.c replays these lists through libxlsxwriter and libharu, so the floor
writes the same documents (byte for byte: tests/bench/fidelity.py) without
any parsing or checking of a report.  This runs once per benchmark,
outside any timing.  The lines the same-shape peer
(../shared/peer/peer_sameshape.py) reads keep their fields; what it does
not know comes on lines of their own (XP, XD, HT, HA, HL, CF, MG, BR, LK,
LANG, VP, TU) or as fields after the ones it reads.

Lines are tab-separated; tabs, newlines and backslashes in text are escaped
as \\t, \\n and \\\\.
"""
import datetime
import html
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
PILLARS = ("effectiveness", "efficiency", "legitimacy")


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")


def xml_text(s):
    return html.unescape(s)


def cell_rc(ref):
    m = re.match(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def rels(z, part):
    d, b = os.path.split(part)
    path = f"{d}/_rels/{b}.rels"
    if path not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(path)).findall("pr:Relationship", NS):
        out[r.get("Id")] = (r.get("Type").rsplit("/", 1)[-1],
                            os.path.normpath(os.path.join(d, r.get("Target"))))
    return out


PATTERNS = ("none", "solid", "mediumGray", "darkGray", "lightGray", "darkHorizontal",
            "darkVertical", "darkDown", "darkUp", "darkGrid", "darkTrellis", "lightHorizontal",
            "lightVertical", "lightDown", "lightUp", "lightGrid", "lightTrellis", "gray125",
            "gray0625")
BORDERS = ("none", "thin", "medium", "dashed", "dotted", "thick", "double", "hair",
           "mediumDashed", "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot",
           "slantDashDot")
UNDERLINES = {"single": 1, "double": 2, "singleAccounting": 3, "doubleAccounting": 4}


def rgb(el):
    return el.get("rgb", "")[-6:] if el is not None and el.get("rgb") else ""


def font_props(font):
    """A font's properties as key=value fields (libxlsxwriter's defaults
    left out: Calibri 11, theme colour)."""
    out = []
    if font is None:
        return out
    name = font.find("m:name", NS)
    if name is not None and name.get("val") != "Calibri":
        out.append(f"font={name.get('val')}")
    sz = font.find("m:sz", NS)
    if sz is not None and sz.get("val") != "11":
        out.append(f"size={sz.get('val')}")
    for tag in ("b", "i", "strike"):
        if font.find(f"m:{tag}", NS) is not None:
            out.append(tag)
    u = font.find("m:u", NS)
    if u is not None:
        out.append(f"u={UNDERLINES.get(u.get('val', 'single'), 1)}")
    if rgb(font.find("m:color", NS)):
        out.append(f"color={rgb(font.find('m:color', NS))}")
    return out


def fill_props(fill, dxf):
    pf = fill.find("m:patternFill", NS) if fill is not None else None
    if pf is None:
        return []
    out = []
    kind = pf.get("patternType", "solid" if dxf else "none")
    fg, bg = rgb(pf.find("m:fgColor", NS)), rgb(pf.find("m:bgColor", NS))
    if dxf:
        # A differential fill's colour is its bgColor (libxlsxwriter swaps them).
        return [f"bg={bg}"] if bg else []
    if kind == "solid" and fg:
        return [f"bg={fg}"]
    if kind != "none":
        out.append(f"pattern={PATTERNS.index(kind)}")
        if fg:
            out.append(f"fg={fg}")
        if bg:
            out.append(f"bg={bg}")
    return out


def border_props(border):
    out = []
    if border is None:
        return out
    sides = [border.find(f"m:{side}", NS) for side in ("left", "right", "top", "bottom")]
    if all(el is not None and el.get("style") for el in sides) and \
            len({(el.get("style"), rgb(el.find("m:color", NS))) for el in sides}) == 1:
        # One border all round: format_set_border and format_set_border_color.
        out.append(f"border={BORDERS.index(sides[0].get('style'))}")
        if rgb(sides[0].find("m:color", NS)):
            out.append(f"border_color={rgb(sides[0].find('m:color', NS))}")
        return out
    for side in ("left", "right", "top", "bottom"):
        el = border.find(f"m:{side}", NS)
        if el is not None and el.get("style"):
            out.append(f"{side}={BORDERS.index(el.get('style'))}")
            if rgb(el.find("m:color", NS)):
                out.append(f"{side}_color={rgb(el.find('m:color', NS))}")
    return out


H_ALIGN = {"left": 1, "center": 2, "right": 3, "fill": 4, "justify": 5, "centerContinuous": 6,
           "distributed": 7}
V_ALIGN = {"top": 8, "bottom": 9, "center": 10, "justify": 11, "distributed": 12}


def align_props(al):
    out = []
    if al is None:
        return out
    if al.get("horizontal"):
        out.append(f"align={H_ALIGN[al.get('horizontal')]}")
    if al.get("vertical"):
        out.append(f"align={V_ALIGN[al.get('vertical')]}")
    for key, name in (("indent", "indent"), ("textRotation", "rotation")):
        if al.get(key):
            out.append(f"{name}={al.get(key)}")
    if al.get("wrapText") == "1":
        out.append("wrap")
    if al.get("shrinkToFit") == "1":
        out.append("shrink")
    return out


def old_format(xf, numfmts, fonts, fills):
    """X: number format, bold, italic, font colour, fill, wrap, border (the
    line the same-shape peer reads; the floor makes the format from XP)."""
    nid = xf.get("numFmtId", "0")
    code = numfmts.get(nid, "" if nid == "0" else f"#{nid}")
    font = fonts[int(xf.get("fontId", "0"))]
    bold = int(font.find("m:b", NS) is not None)
    italic = int(font.find("m:i", NS) is not None)
    fcol = rgb(font.find("m:color", NS))
    fill = rgb(fills[int(xf.get("fillId", "0"))].find("m:patternFill/m:fgColor", NS))
    al = xf.find("m:alignment", NS)
    wrap = int(al is not None and al.get("wrapText") == "1")
    border = int(xf.get("borderId", "0") != "0")
    return f"X\t{esc(code)}\t{bold}\t{italic}\t{fcol}\t{fill}\t{wrap}\t{border}"


def styles(z, out):
    """Formats, each in cellXfs order (the order the floor first uses them
    in, so their indices are peel-run's): X (a summary), then XP with the
    key=value properties of its number format, font, fill, borders and
    alignment; XD the differential formats of conditional formats, in dxfs
    order."""
    root = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = {n.get("numFmtId"): n.get("formatCode") for n in root.iter(f"{{{NS['m']}}}numFmt")}
    fonts = root.find("m:fonts", NS).findall("m:font", NS)
    fills = root.find("m:fills", NS).findall("m:fill", NS)
    borders = root.find("m:borders", NS).findall("m:border", NS)
    for xf in root.find("m:cellXfs", NS).findall("m:xf", NS):
        out.append(old_format(xf, numfmts, fonts, fills))
        props = []
        nid = xf.get("numFmtId", "0")
        if nid != "0":
            props.append(f"num={esc(numfmts[nid])}" if nid in numfmts else f"numid={nid}")
        props += font_props(fonts[int(xf.get("fontId", "0"))])
        props += fill_props(fills[int(xf.get("fillId", "0"))], False)
        props += border_props(borders[int(xf.get("borderId", "0"))])
        props += align_props(xf.find("m:alignment", NS))
        out.append("\t".join(["XP"] + props))
    dxfs = root.find("m:dxfs", NS)
    for dxf in dxfs.findall("m:dxf", NS) if dxfs is not None else []:
        props = font_props(dxf.find("m:font", NS)) + fill_props(dxf.find("m:fill", NS), True)
        nf = dxf.find("m:numFmt", NS)
        if nf is not None:
            props.append(f"num={esc(nf.get('formatCode'))}")
        props += border_props(dxf.find("m:border", NS))
        out.append("\t".join(["XD"] + props))


LEGEND = {"r": 1, "l": 2, "t": 3, "b": 4, "tr": 5}


def chart(z, part, place, out):
    """H: kind, anchor cell, title, offsets and scales; V: each series'
    name, categories, values, fill, data labels and their format; HT: the
    title's font; HA: an axis' settings (cat or val); HL: the legend's
    position."""
    root = ET.fromstring(z.read(part))
    plot = root.find("c:chart/c:plotArea", NS)
    kind = "column"
    for el in plot:
        tag = el.tag.split("}")[1]
        if tag.endswith("Chart"):
            kind = tag[:-5]
            bar_dir = el.find("c:barDir", NS)
            if kind == "bar" and bar_dir is not None and bar_dir.get("val") == "col":
                kind = "column"
            break
    title = root.find("c:chart/c:title//c:f", NS)
    out.append(f"H\t{kind}\t" + "\t".join(str(x) for x in place[:2]) +
               f"\t{esc(title.text if title is not None else '')}\t" +
               "\t".join(str(x) for x in place[2:]))
    for ser in plot.iter(f"{{{NS['c']}}}ser"):
        f = [ser.find(p, NS) for p in ("c:tx//c:f", "c:cat//c:f", "c:val//c:f")]
        fill = rgb_val(ser.find("c:spPr/a:solidFill/a:srgbClr", NS))
        labels = ser.find("c:dLbls", NS)
        show = int(labels is not None and labels.find("c:showVal[@val='1']", NS) is not None)
        nf = labels.find("c:numFmt", NS) if labels is not None else None
        out.append("V\t" + "\t".join(esc(x.text if x is not None else "") for x in f) +
                   f"\t{fill}\t{show}\t{esc(nf.get('formatCode') if nf is not None else '')}")
    # The chart's settings after its series (the same-shape peer inserts a
    # chart at the first line after them that is not V).
    rpr = root.find("c:chart/c:title/c:txPr//a:defRPr", NS)
    if rpr is not None and (rpr.get("sz") or rpr.get("b") == "1"):
        out.append(f"HT\t{int(rpr.get('sz', '0')) / 100:g}\t{int(rpr.get('b') == '1')}")
    for ax_tag, name in (("c:catAx", "cat"), ("c:valAx", "val")):
        ax = plot.find(ax_tag, NS)
        if ax is None:
            continue
        other = "val" if name == "cat" else "cat"
        if ax.find("c:scaling/c:orientation[@val='maxMin']", NS) is not None:
            out.append(f"HA\t{name}\treverse")
        for bound in ("min", "max"):
            el = ax.find(f"c:scaling/c:{bound}", NS)
            if el is not None:
                out.append(f"HA\t{name}\t{bound}\t{el.get('val')}")
        nf = ax.find("c:numFmt", NS)
        if nf is not None and nf.get("sourceLinked") == "0":
            out.append(f"HA\t{name}\tnum\t{esc(nf.get('formatCode'))}")
        cr = ax.find("c:crosses", NS)
        if cr is not None and cr.get("val") == "max":
            # Where this axis crosses is the other axis' setting.
            out.append(f"HA\t{other}\tcrossmax")
    legend = root.find("c:chart/c:legend/c:legendPos", NS)
    pos = LEGEND.get(legend.get("val"), 1) if legend is not None else 0
    if pos != 1:
        out.append(f"HL\t{pos}")


def rgb_val(el):
    return el.get("val", "") if el is not None else ""


def drawing(z, part, colpx, rowpx, out):
    """Each chart and where it sits: its anchor cell, the offsets in
    pixels, and its scales (its size over libxlsxwriter's 480 x 288 pixels,
    from the anchors and the sheet's column widths and row heights)."""
    targets = rels(z, part)
    emu = 9525
    for anchor in ET.fromstring(z.read(part)):
        frm, to = anchor.find("xdr:from", NS), anchor.find("xdr:to", NS)
        gf = anchor.find(".//c:chart", NS)
        if frm is None or gf is None:
            continue
        pos = [[int(e.find(f"xdr:{k}", NS).text) for k in ("col", "colOff", "row", "rowOff")]
               for e in (frm, to)]
        (c0, co0, r0, ro0), (c1, co1, r1, ro1) = pos
        width = sum(colpx(c) for c in range(c0, c1)) + (co1 - co0) / emu
        height = sum(rowpx(r) for r in range(r0, r1)) + (ro1 - ro0) / emu
        place = (r0, c0, round(co0 / emu), round(ro0 / emu), round(width / 480, 2),
                 round(height / 288, 2))
        chart(z, targets[gf.get(f"{{{NS['r']}}}id")][1], place, out)


def page(root, out):
    """Print setup: orientation, fit to pages, header and footer."""
    ps = root.find("m:pageSetup", NS)
    fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
    landscape = int(ps is not None and ps.get("orientation") == "landscape")
    fit_w = fit_h = -1
    if fit is not None and fit.get("fitToPage") == "1":
        fit_w, fit_h = int(ps.get("fitToWidth", 1)), int(ps.get("fitToHeight", 1))
    out.append(f"G\t{landscape}\t{fit_w}\t{fit_h}")
    pm = root.find("m:pageMargins", NS)
    if pm is not None:
        m = tuple(float(pm.get(k)) for k in ("left", "right", "top", "bottom"))
        if m != (0.7, 0.7, 0.75, 0.75):
            out.append("MG\t%g\t%g\t%g\t%g" % m)
    breaks = [b.get("id") for b in root.iterfind("m:rowBreaks/m:brk", NS)]
    if breaks:
        out.append("BR\t" + " ".join(breaks))
    for tag, kind in (("m:headerFooter/m:oddHeader", "header"), ("m:headerFooter/m:oddFooter", "footer")):
        el = root.find(tag, NS)
        if el is not None and el.text:
            out.append(f"J\t{kind}\t{esc(el.text)}")


def note_sizes(z, part):
    """(row, col) -> the note's width and height in pixels, from the VML
    shapes' styles (points, 4/3 a pixel)."""
    out = {}
    for kind, target in rels(z, part).values():
        if kind != "vmlDrawing":
            continue
        vml = z.read(target).decode()
        for m in re.finditer(r'width:([\d.]+)pt;height:([\d.]+)pt.*?<x:Row>(\d+)</x:Row>'
                             r'\s*<x:Column>(\d+)</x:Column>', vml, re.S):
            out[(int(m.group(3)), int(m.group(4)))] = (round(float(m.group(1)) * 4 / 3),
                                                       round(float(m.group(2)) * 4 / 3))
    return out


def sheet(z, name, part, strings, out):
    """The sheet's lines.  A text cell's (T, U) last field is its shared
    string's number, a table's (L) the number after its headers': the floor
    writes them in that order, so libxlsxwriter numbers the strings as in
    peel-run's workbook (it numbers them in the order they are first
    written)."""
    out.append(f"S\t{esc(name)}")
    root = ET.fromstring(z.read(part))
    for c in root.iterfind("m:cols/m:col", NS):
        for k in range(int(c.get("min")) - 1, int(c.get("max"))):
            out.append(f"W\t{k}\t{c.get('width')}")
    tab = root.find("m:sheetPr/m:tabColor", NS)
    if tab is not None and tab.get("rgb"):
        out.append(f"K\t{tab.get('rgb')[-6:]}")
    page(root, out)
    links = {}
    for h in root.iterfind("m:hyperlinks/m:hyperlink", NS):
        target = rels(z, part).get(h.get(f"{{{NS['r']}}}id"), ("", ""))[1]
        links[cell_rc(h.get("ref"))] = f"internal:{h.get('location')}" if h.get("location") else target
    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None and pane.get("state") == "frozen":
        out.append(f"Z\t{int(float(pane.get('ySplit', 0)))}\t{int(float(pane.get('xSplit', 0)))}")
    looks = {}  # (row, col) -> the cell's format, for a table's header
    index = {}  # (row, col) -> its shared string's number
    for row in root.iterfind("m:sheetData/m:row", NS):
        if row.get("customHeight") == "1":
            out.append(f"R\t{int(row.get('r')) - 1}\t{row.get('ht')}")
        for c in row.iterfind("m:c", NS):
            r, k = cell_rc(c.get("r"))
            s = c.get("s", "0")
            looks[(r, k)] = s
            if c.get("t") == "s" and c.find("m:f", NS) is None:
                index[(r, k)] = int(c.find("m:v", NS).text)
            f, v = c.find("m:f", NS), c.find("m:v", NS)
            val = v.text if v is not None and v.text is not None else ""
            if f is not None:
                out.append(f"F\t{r}\t{k}\t{s}\t{esc(f.text or '')}\t{c.get('t', 'n')}\t{esc(val)}")
            elif c.get("t") == "s" and (r, k) in links:
                out.append(f"U\t{r}\t{k}\t{s}\t{esc(links[(r, k)])}\t"
                           f"{esc(strings[int(val)])}\t{val}")
            elif c.get("t") == "s":
                out.append(f"T\t{r}\t{k}\t{s}\t{esc(strings[int(val)])}\t{val}")
            elif c.get("t") == "b":
                out.append(f"B\t{r}\t{k}\t{s}\t{val}")
            elif val:
                out.append(f"N\t{r}\t{k}\t{s}\t{val}")
            else:
                out.append(f"E\t{r}\t{k}\t{s}")
    for m in root.iterfind("m:mergeCells/m:mergeCell", NS):
        a, b = m.get("ref").split(":")
        out.append("M\t%d\t%d\t%d\t%d" % (cell_rc(a) + cell_rc(b)))
    for cf in root.iterfind("m:conditionalFormatting", NS):
        a, _, b = cf.get("sqref").partition(":")
        area = cell_rc(a) + cell_rc(b or a)
        for rule in cf.iterfind("m:cfRule", NS):
            if rule.get("type") != "cellIs":
                continue
            f = rule.find("m:formula", NS).text or ""
            out.append("CF\t%d\t%d\t%d\t%d\t" % area +
                       f"{rule.get('operator')}\t{esc(f)}\t{rule.get('dxfId')}")
    af = root.find("m:autoFilter", NS)
    if af is not None:
        a, b = af.get("ref").split(":")
        out.append("A\t%d\t%d\t%d\t%d" % (cell_rc(a) + cell_rc(b)))
    for kind, target in rels(z, part).values():
        if kind == "table":
            t = ET.fromstring(z.read(target))
            a, b = t.get("ref").split(":")
            cols = "|".join(c.get("name") for c in t.iterfind("m:tableColumns/m:tableColumn", NS))
            r0, c0 = cell_rc(a)
            heads = "|".join(looks.get((r0, c0 + i), "0") for i in range(len(cols.split("|"))))
            # After its header cells (peel-run writes them, then the table).
            key = max((index.get((r0, c0 + i), -1) for i in range(len(cols.split("|")))),
                      default=-1) + 0.5
            out.append("L\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%g" % (
                cell_rc(a) + cell_rc(b) + (esc(t.get("name")), esc(cols), heads, key)))
    sizes = note_sizes(z, part)
    for kind, target in rels(z, part).values():
        if kind == "comments":
            croot = ET.fromstring(z.read(target))
            authors = [a.text or "" for a in croot.iterfind("m:authors/m:author", NS)]
            for cm in croot.iterfind("m:commentList/m:comment", NS):
                r, k = cell_rc(cm.get("ref"))
                text = "".join(t.text or "" for t in cm.iter(f"{{{NS['m']}}}t"))
                author = authors[int(cm.get("authorId", "0"))] if authors else ""
                w, h = sizes.get((r, k), (0, 0))
                out.append(f"C\t{r}\t{k}\t{esc(text)}\t{esc(author)}\t{w}\t{h}")
        elif kind == "drawing":
            widths = {}
            for c in root.iterfind("m:cols/m:col", NS):
                for k in range(int(c.get("min")) - 1, int(c.get("max"))):
                    widths[k] = round(float(c.get("width")) * 7)
            heights = {int(r.get("r")) - 1: float(r.get("ht")) * 4 / 3
                       for r in root.iterfind("m:sheetData/m:row", NS) if r.get("customHeight") == "1"}
            drawing(z, target, lambda c: widths.get(c, 64), lambda r: heights.get(r, 20), out)


def workbook(path):
    out = []
    with zipfile.ZipFile(path) as z:
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        styles(z, out)
        root = ET.fromstring(z.read("xl/workbook.xml"))
        targets = rels(z, "xl/workbook.xml")
        for sh in root.iterfind("m:sheets/m:sheet", NS):
            sheet(z, sh.get("name"), targets[sh.get(f"{{{NS['r']}}}id")][1], strings, out)
        names = [sh.get("name") for sh in root.iterfind("m:sheets/m:sheet", NS)]
        for dn in root.iterfind("m:definedNames/m:definedName", NS):
            if not dn.get("name").startswith("_xlnm"):
                out.append(f"D\t{esc(dn.get('name'))}\t{esc(dn.text)}")
            elif dn.get("name") == "_xlnm.Print_Titles":
                rows = re.search(r"\$(\d+):\$(\d+)", dn.text)
                out.append(f"Y\t{esc(names[int(dn.get('localSheetId'))])}\t"
                           f"{int(rows.group(1)) - 1}\t{int(rows.group(2)) - 1}")
        if "docProps/custom.xml" in z.namelist():
            for prop in ET.fromstring(z.read("docProps/custom.xml")):
                out.append(f"Q\t{esc(prop.get('name'))}\t{esc(prop[0].text or '')}")
        core = z.read("docProps/core.xml").decode()
        app = z.read("docProps/app.xml").decode()
        for tag in ("dc:title", "dc:subject", "dc:creator", "cp:keywords", "dc:description",
                    "cp:category", "cp:contentStatus", "Company", "Manager", "HyperlinkBase"):
            m = re.search(f"<{tag}>(.*?)</{tag}>", core + app, re.S)
            if m:
                out.append(f"P\t{tag}\t{esc(xml_text(m.group(1)))}")
        m = re.search(r"<dcterms:created[^>]*>([^<]*)<", core)
        if m:
            when = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%SZ")
            out.append(f"P\tcreated\t{int(when.replace(tzinfo=datetime.timezone.utc).timestamp())}")
    return out


# ---- PDF ----

TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\((?:\\.|[^\\)])*\)|/[^\s/<>\[\]()]+|\[|\]|[^\s/<>\[\]()]+")
OPS = {b"q", b"Q", b"cm", b"rg", b"RG", b"g", b"G", b"w", b"m", b"l", b"c", b"re", b"h", b"f",
       b"S", b"B", b"n", b"BT", b"ET", b"Tf", b"Td", b"Tj", b"TL", b"Tc", b"Tw", b"d", b"J", b"j",
       b"f*", b"s", b"b"}


def objects(data):
    """Object number -> (dictionary text, decoded stream or None) of a qdf file."""
    out = {}
    for m in re.finditer(rb"\n(\d+) 0 obj\n(.*?)\nendobj", data, re.S):
        body = m.group(2)
        s = body.find(b"\nstream\n")
        if s < 0:
            out[int(m.group(1))] = (body, None)
        else:
            e = body.rfind(b"endstream")
            out[int(m.group(1))] = (body[:s], body[s + 8:e])
    return out


ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def pdf_string(tok):
    """The bytes of a hex <...> or literal (...) string."""
    if tok.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", tok[1:-1]).decode())

    def unescape(m):
        e = m.group(1)
        if e[:1].isdigit():
            return bytes([int(e, 8) & 0xFF])
        return ESCAPES.get(e, e)

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, tok[1:-1], flags=re.S)


def page_ops(content, fonts, out):
    args = []
    for m in TOKEN.finditer(content):
        tok = m.group(0)
        if tok in OPS:
            op = tok.decode()
            if op == "Tj":
                text = pdf_string(args[-1]).decode("utf-16-be", "replace")
                out.append(f"Tj\t{esc(text)}")
            elif op == "Tf":
                out.append(f"Tf\t{fonts.get(args[0].decode()[1:], 0)}\t{args[1].decode()}")
            else:
                out.append("\t".join([op] + [a.decode() for a in args]))
            args = []
        else:
            args.append(tok)


def fonts_held(objs):
    """The characters the pack's subset fonts hold (U: code points in hex)
    and the length of their CIDToGIDMaps (M: bytes), from the maps
    themselves: a character code is its code point, a glyph index not 0
    means the font holds it."""
    held, length = set(), 0
    for body, _ in objs.values():
        m = re.search(rb"/CIDToGIDMap (\d+) 0 R", body)
        if m:
            cmap = objs[int(m.group(1))][1]
            cmap = cmap[:len(cmap) // 2 * 2]  # without the newline qdf adds
            length = max(length, len(cmap))
            held |= {i // 2 for i in range(0, len(cmap) - 1, 2) if cmap[i] or cmap[i + 1]}
    return ["U\t" + " ".join(f"{c:X}" for c in sorted(held)), f"M\t{length}"]


def info_order(path):
    """The keys of the information dictionary in the order they are written
    (the order libharu was given them; qpdf --qdf sorts them)."""
    raw = open(path, "rb").read()
    ref = re.findall(rb"/Info (\d+) 0 R", raw)
    m = re.search(rb"\n" + ref[-1] + rb" 0 obj\s*<<(.*?)>>\s*endobj", raw, re.S) if ref else None
    keys = re.findall(rb"/(\w+) [(<]", m.group(1)) if m else []
    return keys or [b"Title", b"Subject", b"Keywords", b"Author", b"Creator"]


def pdf(path):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, tmp.name], check=True)
        data = open(tmp.name, "rb").read()
    objs = objects(data)
    out = fonts_held(objs)
    info = re.search(rb"/Info (\d+) 0 R", data)
    if info:
        body = objs[int(info.group(1))][0]
        for key in info_order(path):
            m = re.search(rb"/" + key + rb" <([0-9A-Fa-f]*)>", body)
            date = re.search(rb"/" + key + rb" \((D:[^)]*)\)", body)
            if date:
                out.append(f"P\t{key.decode()}\t{date.group(1).decode()}")
            elif key != b"Producer":
                text = bytes.fromhex(m.group(1).decode()).decode("utf-16", "replace") if m else ""
                out.append(f"P\t{key.decode()}\t{esc(text)}")
    fontnames = {}
    for num, (body, _) in objs.items():
        m = re.search(rb"/BaseFont /([^\s/]+)", body)
        if m and b"/Type /Font" in body and b"/Subtype /Type0" in body:
            fontnames[num] = 1 if b"Bold" in m.group(1) else 0
    pages = [int(m.group(1)) for m in re.finditer(rb"%% Page \d+\n%%[^\n]*\n(\d+) 0 obj", data)]
    marks = bookmarks(objs, pages)
    out += catalog(objs, data)
    for i, num in enumerate(pages):
        body = objs[num][0]
        fonts = {}
        fd = re.search(rb"/Font <<(.*?)>>", body, re.S)
        for fm in re.finditer(rb"/(\w+) (\d+) 0 R", fd.group(1) if fd else b""):
            fonts[fm.group(1).decode()] = fontnames.get(int(fm.group(2)), 0)
        out.append("PAGE")
        # A bookmark is made on the page it leads to (peel-run makes it with
        # its heading).
        out += [line for page, line in marks if page == i]
        for cm in re.finditer(rb"/Contents (\d+) 0 R", body):
            page_ops(objs[int(cm.group(1))][1], fonts, out)
    out += links(objs, pages)
    return out


def dest(objs, pages, body):
    """A /Dest's page (index) and FitH top, or None."""
    m = re.search(rb"/Dest (\d+) 0 R", body)
    arr = objs[int(m.group(1))][0] if m else b""
    d = re.search(rb"(\d+) 0 R\s*/FitH\s*([-\d.]+)", arr)
    if d and int(d.group(1)) in pages:
        return pages.index(int(d.group(1))), d.group(2).decode()
    d = re.search(rb"(\d+) 0 R\s*/Fit\b", arr)
    return (pages.index(int(d.group(1))), "") if d and int(d.group(1)) in pages else None


def title(body):
    m = re.search(rb"/Title <([0-9A-Fa-f]*)>", body)
    return bytes.fromhex(m.group(1).decode()).decode("utf-16", "replace") if m else ""


def bookmarks(objs, pages):
    """(page, O line) per bookmark in the tree's order: O, its title, level,
    the FitH top of its destination and whether it is open (a positive
    /Count; libharu writes none for a bookmark without children)."""
    out = []
    root = next((b for b, _ in objs.values() if b"/Type /Catalog" in b), b"")
    m = re.search(rb"/Outlines (\d+) 0 R", root)

    def walk(num, level):
        while num:
            body = objs[num][0]
            d = dest(objs, pages, body) or (0, "")
            count = re.search(rb"/Count (-?\d+)", body)
            opened = int(count is not None and int(count.group(1)) > 0)
            out.append((d[0], f"O\t{esc(title(body))}\t{level}\t{d[1]}\t{opened}"))
            first = re.search(rb"/First (\d+) 0 R", body)
            if first:
                walk(int(first.group(1)), level + 1)
            nxt = re.search(rb"/Next (\d+) 0 R", body)
            num = int(nxt.group(1)) if nxt else 0

    if m:
        first = re.search(rb"/First (\d+) 0 R", objs[int(m.group(1))][0])
        if first:
            walk(int(first.group(1)), 0)
    return out


def links(objs, pages):
    """LK: a link's page, rectangle, its destination's page and top, and its
    border width (peel-run's contents lines lead to their sections)."""
    out = []
    for i, num in enumerate(pages):
        annots = re.search(rb"/Annots \[(.*?)\]", objs[num][0], re.S)
        for am in re.finditer(rb"(\d+) 0 R", annots.group(1) if annots else b""):
            body = objs[int(am.group(1))][0]
            if b"/Subtype /Link" not in body:
                continue
            rect = re.search(rb"/Rect \[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", body)
            d = dest(objs, pages, body) or (0, "")
            border = re.search(rb"/Border \[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", body)
            width = border.group(3).decode() if border else "1"
            out.append(f"LK\t{i}\t" + "\t".join(x.decode() for x in rect.groups()) +
                       f"\t{d[0]}\t{d[1]}\t{width}")
    return out


def catalog(objs, data):
    """LANG and VP: what peel-run adds to the catalogue itself; TU: the
    ToUnicode map peel-run writes in place of libharu's."""
    out = []
    root = next((b for b, _ in objs.values() if b"/Type /Catalog" in b), b"")
    m = re.search(rb"/Lang \(([^)]*)\)", root)
    if m:
        out.append(f"LANG\t{m.group(1).decode()}")
    if re.search(rb"/DisplayDocTitle true", root):
        out.append("VP\tDisplayDocTitle")
    for body, _ in objs.values():
        tu = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if tu:
            out.append(f"TU\t{esc(objs[int(tu.group(1))][1].decode('latin-1').rstrip(chr(10)) + chr(10))}")
            break
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: shape.py REPORT_DIR SHAPE_DIR")
    src, dst = sys.argv[1:]
    os.makedirs(dst, exist_ok=True)
    for p in PILLARS:
        for ext, fn in (("xlsx", workbook), ("pdf", pdf)):
            lines = fn(os.path.join(src, f"{p}.{ext}"))
            with open(os.path.join(dst, f"{p}.{ext}.shape"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
