"""A small known archive for the batch tests (no test functions here).

Mixed formats and encodings: a JSONL corpus (with metadata overrides and one broken line), UTF-8
and GB18030 text files, a Markdown file, a zip archive, an unreadable .docx and a near-copy.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

PLANS = {
    2022: ["加强项目储备，谋划一批重大产业项目", "优化营商环境，推进政务服务一网通办",
           "加强干部队伍建设，分层分类开展业务培训"],
    2023: ["推进数字政府建设，建成统一数据平台", "加强安全生产监管，开展隐患排查整治",
           "提升基层治理水平，建设智慧社区"],
}


TOPICS = ["耕地保护和粮食安全责任制全面落实", "重点河湖水质稳定达到三类以上标准", "义务教育优质均衡发展督导评估顺利通过",
          "城乡居民基本医疗保险参保率保持高位", "农村人居环境整治三年行动圆满收官", "老旧小区改造惠及群众四千余户",
          "中小企业纾困解难专项行动成效明显", "文化惠民演出走进乡村社区", "森林防火形势总体平稳未发生重大火情",
          "统计执法检查覆盖全部重点企业", "数字乡村试点建设稳步推进", "退役军人服务保障体系不断健全",
          "食品药品安全抽检合格率稳步提升", "公共法律服务实体平台实现全覆盖", "乡村旅游精品线路吸引游客明显增多",
          "政务公开标准化规范化水平持续提高"]


def _distinct(org: str, year: int) -> str:
    """A paragraph that differs from document to document (so only real copies look alike)."""
    import hashlib

    h = hashlib.sha256(f"{org}{year}".encode()).digest()
    picks = sorted(range(len(TOPICS)), key=lambda i: h[i])[:5]
    return "；".join(f"{TOPICS[i]}，{org}专门召开推进会议研究部署" for i in picks) + "。"


def summary(org: str, year: int, extra: str = "", placeholder: bool = False) -> str:
    """A departmental 年度工作总结暨工作计划 of ``org`` for ``year`` (achievements echo last year's plans)."""
    prev = PLANS.get(year - 1, ["完成年度各项目标任务"])
    nxt = PLANS.get(year, ["巩固提升各项工作成效"])
    n = "***" if placeholder else "12"
    ach = "\n".join(
        f"（{'一二三四'[i]}）{p.split('，')[0]}取得实效。全年{p.split('，')[1] if '，' in p else p}，"
        f"组织专题会议{n}次，投入资金{3 + i}.5万元，完成率达到9{5 - i}%。"
        for i, p in enumerate(prev))
    plan = "\n".join(f"（{'一二三四'[i]}）{p}。" for i, p in enumerate(nxt))
    return (f"{org}{year}年工作总结暨{year + 1}年工作计划\n\n"
            f"{year}年，{org}在上级党委、政府的坚强领导下，坚持稳中求进工作总基调，各项工作取得新成效。{extra}\n"
            f"{_distinct(org, year)}\n"
            f"一、工作开展情况\n{ach}\n"
            f"二、存在的问题\n一是项目储备不足，带动能力强的大项目偏少；二是干部队伍专业能力有待提升；"
            f"三是基层治理信息化水平不高。\n"
            f"三、{year + 1}年工作计划\n{plan}\n")


def make_archive(root: Path) -> dict:
    """Write the archive under ``root``; returns its inputs and the expected counts."""
    root.mkdir(parents=True, exist_ok=True)
    files = root / "files"
    (files / "sub").mkdir(parents=True, exist_ok=True)
    # 1-2: the same org in two consecutive years (follow-through), UTF-8 and GB18030
    (files / "a2022.txt").write_text(summary("青溪县发展和改革局", 2022), encoding="utf-8")
    (files / "sub" / "a2023.txt").write_bytes(summary("青溪县发展和改革局", 2023).encode("gb18030"))
    # 3: Markdown with placeholders
    (files / "sub" / "b2023.md").write_text("# " + summary("青溪县教育局", 2023, placeholder=True),
                                            encoding="utf-8")
    # 4: unreadable (.docx that is no zip)
    (files / "sub" / "broken.docx").write_bytes(b"this is not a docx")
    # 5-6: a zip with one document (a near-copy of a2022) and one unreadable
    with zipfile.ZipFile(root / "more.zip", "w") as z:
        z.writestr("c2022.txt", summary("青溪县发展和改革局", 2022).replace("取得新成效", "取得明显成效"))
        z.writestr("old.docx", b"PK\x03\x04 truncated")
    # 7-9: JSONL, metadata overrides, one broken line
    lines = [
        {"id": "j-2022", "title": "青溪县统计局2022年度工作总结", "year": 2022, "org": "青溪县统计局",
         "text": summary("县统计局", 2022)},
        {"id": "j-2023", "type": "annual-summary", "org": "青溪县统计局", "summary_year": 2023,
         "plan_year": 2024, "text": summary("县统计局", 2023, extra="统计调查工作有序开展。")},
    ]
    with open(root / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for d in lines:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        fh.write('{"id": "j-broken", "text": \n')
    inputs = [str(files), str(root / "more.zip"), str(root / "corpus.jsonl")]
    return {"inputs": inputs, "documents": 6, "errors": 3,
            "texts": {  # doc text by file name suffix, for comparisons with zongjie.analyze
                "a2022.txt": summary("青溪县发展和改革局", 2022)}}


def make_many(root: Path, n: int) -> list[str]:
    """``n`` small distinct documents in one JSONL file (for the kill/resume test)."""
    root.mkdir(parents=True, exist_ok=True)
    p = root / "many.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for i in range(n):
            org = f"青溪县第{i}局"
            fh.write(json.dumps({"id": f"doc-{i:03d}", "text": summary(org, 2022 + i % 2, extra=f"编号{i}。")},
                                ensure_ascii=False) + "\n")
    return [str(p)]


def read_sorted(out: Path, name: str):
    """A table as a pandas DataFrame sorted by its key (for run-to-run comparisons)."""
    import pyarrow.parquet as pq
    from zongjie.batch.schema import KEYS

    df = pq.read_table(out / f"{name}.parquet").to_pandas()
    return df.sort_values(list(KEYS[name])).reset_index(drop=True)
