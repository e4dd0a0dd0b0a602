#!/usr/bin/env python3
"""Writes Word drafts the way offices make them, with python-docx, into the folder given on
the command line: headings numbered by Word's automatic numbering (numbering.xml levels
chineseCounting "%1、", chineseCounting "（%2）", decimal "%3."), heading styles, a centred
title, a table, a field, tracked insertions and deletions, a right-aligned signature and
date. Beside each NAME.docx it writes NAME.txt, the same draft numbered by hand, which the
DOCX reader must read to the same tree.

Run by crates/gongwen-parse-docx/tests/clients.rs; needs `pip install python-docx`."""

import copy
import os
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def numbering(doc, levels, abstract_id, num_id, start_override=None):
    """Adds an abstract list definition with `levels` [(numFmt, lvlText)] and a list using it."""
    part = doc.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    # abstractNum elements come before num elements.
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    override = ""
    if start_override is not None:
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/>'
                    f'</w:lvlOverride>')
    part.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                          f'{override}</w:num>'))


def numbered(doc, text, num_id, level, style=None):
    p = doc.add_paragraph(text, style=style)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def raw_runs(p, xml):
    """Appends raw run-level XML (fields, revisions) to paragraph `p`."""
    for el in parse_xml(f'<w:p {W}>{xml}</w:p>'):
        p._p.append(copy.deepcopy(el))


def notice(out):
    doc = Document()
    numbering(doc, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")], 90, 90)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("关于加强安全生产工作的通知").bold = True
    doc.add_paragraph("各乡镇人民政府，县直各单位：")
    p = doc.add_paragraph("为切实做好全县安全生产工作，")
    raw_runs(p, '<w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>经县政府同意，</w:t></w:r></w:ins>'
                '<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删去的话，</w:delText></w:r></w:del>'
                '<w:r><w:t>现将有关事项通知如下。</w:t></w:r>')
    numbered(doc, "总体要求", 90, 0, "Heading 1")
    doc.add_paragraph("坚持安全第一、预防为主、综合治理的方针，全面落实安全生产责任制。")
    numbered(doc, "压实责任", 90, 1, "Heading 2")
    doc.add_paragraph("各单位主要负责人是本单位安全生产第一责任人，要亲自部署、亲自检查。")
    numbered(doc, "强化监管", 90, 1, "Heading 2")
    p = doc.add_paragraph("要按照第")
    raw_runs(p, '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = 3 </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>季度计划开展检查，发现问题立即整改。</w:t></w:r>')
    numbered(doc, "开展专项检查", 90, 2)
    doc.add_paragraph("对重点行业领域开展全覆盖检查。")
    numbered(doc, "工作措施", 90, 0, "Heading 1")
    doc.add_paragraph("各单位要加强组织领导，确保各项措施落到实处。")
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate([("单位", "责任人"), ("县应急管理局", "张三")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("特此通知。")
    doc.add_paragraph("县人民政府办公室").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("2024年3月1日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(os.path.join(out, "notice.docx"))
    with open(os.path.join(out, "notice.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join([
            "关于加强安全生产工作的通知", "各乡镇人民政府，县直各单位：",
            "为切实做好全县安全生产工作，经县政府同意，现将有关事项通知如下。",
            "一、总体要求", "坚持安全第一、预防为主、综合治理的方针，全面落实安全生产责任制。",
            "（一）压实责任", "各单位主要负责人是本单位安全生产第一责任人，要亲自部署、亲自检查。",
            "（二）强化监管", "要按照第3季度计划开展检查，发现问题立即整改。",
            "1.开展专项检查", "对重点行业领域开展全覆盖检查。",
            "二、工作措施", "各单位要加强组织领导，确保各项措施落到实处。",
            "特此通知。", "县人民政府办公室", "2024年3月1日", ""]))


def speech(out):
    """Heading styles only (no numbering), a second list restarted by a start override,
    and decimal "%1." items."""
    doc = Document()
    numbering(doc, [("decimal", "%1.")], 91, 91)
    numbering(doc, [("decimal", "%1.")], 91, 92, start_override=1)
    doc.add_paragraph("在全县工作会议上的讲话", style="Title")
    doc.add_paragraph("同志们：")
    doc.add_paragraph("今天我们召开会议，主要任务是总结工作、部署任务。")
    doc.add_heading("提高认识", level=1)
    doc.add_paragraph("我们要清醒看到面临的困难和挑战。")
    numbered(doc, "抓好项目建设", 91, 0)
    numbered(doc, "抓好招商引资", 91, 0)
    doc.add_heading("狠抓落实", level=1)
    numbered(doc, "压实工作责任", 92, 0)
    numbered(doc, "强化督促检查", 92, 0)
    doc.add_paragraph("谢谢大家！")
    doc.save(os.path.join(out, "speech.docx"))
    with open(os.path.join(out, "speech.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join([
            "在全县工作会议上的讲话", "同志们：", "今天我们召开会议，主要任务是总结工作、部署任务。",
            "一、提高认识", "我们要清醒看到面临的困难和挑战。", "1.抓好项目建设", "2.抓好招商引资",
            "二、狠抓落实", "1.压实工作责任", "2.强化督促检查", "谢谢大家！", ""]))


if __name__ == "__main__":
    out = sys.argv[1]
    notice(out)
    speech(out)
    print("ok")
