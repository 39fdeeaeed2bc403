"""Three hand-made bureau tables of different shapes, as a bureau's clerk would lay them out.

Run ``python tests/io/data/bureau_tables.py`` to write them as .xlsx files beside
this script (for looking at them in a spreadsheet); the tests build them at run time.

- ``merged``: 序号 重点任务 具体措施 牵头单位 配合单位 完成时限 责任领导 备注; no goal rows;
  重点任务, 序号 and 牵头单位 merged down over a task's measures; 序号 numbers tasks.
- ``sections``: goal rows 一、二、 merged across the table; 序号 工作任务 工作措施 责任处室
  协办单位 时间节点 进展情况; a task's first measure on its own row.
- ``flat``: two title lines above the header; no 序号; 重点工作 repeated on every row;
  具体举措 责任科室 参与单位 时限 备注.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def merged(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分解表"
    sheet.append(["朝阳区教育局2021年工作要点任务分解表"])
    sheet.merge_cells("A1:H1")
    sheet.append(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "责任领导", "备注"])
    rows: list[list[Any]] = [
        [
            1,
            "扩大学前教育资源",
            "新建、改扩建公办幼儿园5所,新增学位2000个。",
            "计财科",
            "基建办、各街道",
            "2021年8月底前",
            "王副局长",
            None,
        ],
        [
            None,
            None,
            "推进普惠性民办幼儿园认定,普惠率达到85%以上。",
            None,
            "民办教育科",
            "年底前",
            None,
            "需区财政支持",
        ],
        [2, "推进义务教育优质均衡", "组建教育集团3个。", "基础教育科", None, "9月底前", "李副局长", None],
        [None, None, "开展课后服务,覆盖率达到100%。", None, "各中小学", "每学期", None, None],
        [None, None, "完成薄弱学校改造。", None, None, "长期坚持", None, None],
    ]
    for row in rows:
        sheet.append(row)
    for column in ("A", "B", "D", "G"):
        sheet.merge_cells(f"{column}3:{column}4")
        sheet.merge_cells(f"{column}5:{column}7")
    book.save(path)


def sections(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022年重点工作"
    sheet.append(["市教育局2022年工作要点分解落实表"])
    sheet.append(["序号", "工作任务", "工作措施", "责任处室", "协办单位", "时间节点", "进展情况"])
    sheet.append(["一、全面加强党的建设"])
    sheet.merge_cells("A3:G3")
    sheet.append([1, "加强基层党组织建设", None, "组织人事处", None, "全年"])
    sheet.append([None, None, "完成中小学党组织换届。", "组织人事处", "机关党委", "2022年6月", "已完成"])
    sheet.append([None, None, "培训党组织书记300人次。", "组织人事处", None, "2022年11月底前"])
    sheet.append(["二、推动教育高质量发展"])
    sheet.merge_cells("A7:G7")
    sheet.append([2, "深化课程改革", None, "基础教育处", "教研室"])
    sheet.append([None, None, "建设市级精品课程50门。", None, None, "第三季度"])
    book.save(path)


def flat(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["某县教育局2023年重点工作责任清单"])
    sheet.append(["填报单位:办公室", None, None, "填报时间:2023年2月"])
    sheet.append(["重点工作", "具体举措", "责任科室", "参与单位", "时限", "备注"])
    sheet.append(["教师队伍建设", "招聘教师120名。", "人事股", "各学校", "2023年7月底前", None])
    sheet.append(
        ["教师队伍建设", "开展教师全员培训,培训率达到100%。", "师训股", None, "年底前", "与进修学校合办"]
    )
    sheet.append(["校园安全", "开展安全隐患排查4次。", "安全股", "各学校、公安局", "每季度", None])
    book.save(path)


TABLES = {"merged": merged, "sections": sections, "flat": flat}
"""Name -> function that writes the table to a path."""


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for name, make in TABLES.items():
        make(here / f"bureau-{name}.xlsx")
        print(here / f"bureau-{name}.xlsx")
