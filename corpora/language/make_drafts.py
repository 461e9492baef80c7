"""Build the language-rule drafts (``NN-slug.txt`` + ``NN-slug.json``) from the marked-up sources below.

Markup: ``{{wrong|fixed|rule}}`` is a deliberate defect — ``wrong`` is what the draft says, ``fixed``
what a safe fix must turn it into (empty: no safe fix expected), ``rule`` the rule that must find it.
The sidecar lists each defect with its line.  All organisations and places are fictional; the texts
are the project's own writing.  Run from anywhere: ``python corpora/language/make_drafts.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\{\{(.*?)\|(.*?)\|([a-z-]*)\}\}")

DRAFTS: dict[str, tuple[str, str]] = {}  # slug -> (encoding, source)

DRAFTS["01-archives"] = ("utf-8", """青溪县档案局2023年工作总结
2023年，县档案局在县委、县政府的坚强领导下，较好完成了全年各项工作任务。现将有关情况总结如下。
一、工作开展情况
（一）馆藏资源不断丰富。全年接收进馆档案1200卷{{,|，|punctuation-width}}完成数字化扫描3.6万页。
（二）服务能力持续提升。{{截止|截至|confusable-word}}2023年底，累计接待查档群众4800人次{{。。|。|repeated-punctuation}}
（三）安全基础更加牢固。{{23年|2023年|year-abbreviation}}5月，新建档案库房投入使用，库房温湿度达标率保持在{{95-98%|95%～98%|number-range}}。
二、存在的问题
一是档案信息化水平不高；二是专业人才短缺{{；。|。|repeated-punctuation}}
三、2024年工作计划
（一）加快数字档案馆建设。力争新增数字化扫描{{3-5万|3万～5万|number-range}}页。
（二）加强队伍建设。开展业务培训{{10－15|10～15|number-range}}场次，提升干部业务能力。
""")

DRAFTS["02-water"] = ("utf-8", """桐山县水利局2023年工作总结
2023年，县水利局坚持以习近平新时代中国特色社会主义思想为指导，扎实推进水利各项工作。
一、主要工作成效
（一）防汛抗旱有力有序。汛期于6月12{{号|日|date-form}}全面启动应急响应，成功应对强降雨过程5次。
（二）水利工程加快建设。{{2023.3.15|2023年3月15日|date-form}}，白沙水库除险加固工程开工，完成投资1.2亿元。
（三）河湖管护成效明显。深入开展{{“|清四乱|paired-marks}}清四乱专项行动，整治问题43个。
（四）农村供水稳步提升。全县农村自来水普及率达到{{97-98%|97%～98%|number-range}}，规模化供水覆盖率提高5个百分点。
二、存在的问题
部分小型水库管护力量薄弱{{，，|，|repeated-punctuation}}巡查记录不够规范。
三、2024年工作打算
（一）抓好防汛备汛。{{截止|截至|confusable-word}}4月底前完成全部水库安全鉴定。
（二）强化河湖长制。落实河湖长巡河制度，县级河湖长每月巡河{{1-2|1～2|number-range}}次。
""")

DRAFTS["03-education"] = ("gbk", """柳河县教育局2023年工作总结
2023年，县教育局围绕办好人民满意的教育，较好完成了年度目标任务。
一、工作开展情况
（一）学前教育普惠发展。新建公办幼儿园3所{{;|；|punctuation-width}}普惠性幼儿园覆盖率达到92%。
（二）义务教育优质均衡。{{'23年|2023年|year-abbreviation}}秋季学期，新增学位1800个，城区大班额全部消除。
（三）教师队伍持续优化。招聘新教师{{120-150|120～150|number-range}}名，开展全员培训4轮。
（四）学生资助应助尽助。发放各类资助资金860万元，惠及学生1.2万人次{{。。|。|repeated-punctuation}}
二、存在的问题
城乡办学条件仍有差距{{，。|。|repeated-punctuation}}
三、2024年工作计划
（一）推进集团化办学。{{必需|必须|confusable-word}}坚持城乡一体、均衡发展，组建教育集团5个。
（二）抓好安全管理。认真落实校园安全各项制度{{...|……|repeated-punctuation}}确保师生安全。
""")

DRAFTS["04-health"] = ("utf-8", """安平街道社区卫生服务中心2023年工作总结
2023年，中心以提升基层医疗服务能力为重点，各项工作稳步推进。
一、工作开展情况
（一）基本医疗服务提质。全年门急诊4.6万人次，同比增长12%{{!|！|punctuation-width}}
（二）公共卫生服务扎实。家庭医生签约率保持在{{40-45%|40%～45%|number-range}}，重点人群签约率达到75%。
（三）健康宣教广泛开展。举办健康讲座{{20—25|20～25|}}场次，发放宣传资料6000余份。
（四）疫苗接种规范有序。{{二三年|二〇二三年|year-abbreviation}}底前完成全部适龄儿童建档。
二、存在的问题
一是全科医生数量不足{{、、|、|repeated-punctuation}}二是信息化建设滞后。
三、2024年工作打算
（一）加强人才引进。计划引进全科医生{{2-3|2～3|number-range}}名。
（二）推进智慧医疗。{{2024/3/1|2024年3月1日|date-form}}前完成预约诊疗系统升级。
""")

DRAFTS["05-agriculture"] = ("utf-8", """白沙镇农业农村办公室2023年工作总结
2023年，镇农业农村办在镇党委、镇政府的领导下，全力推进乡村振兴各项工作。
一、工作成效
（一）粮食生产稳中有升。全镇粮食播种面积3.2万亩，总产量1.4万吨{{,|，|punctuation-width}}同比增长3.1%。
（二）特色产业加快发展。建成茶叶基地{{2-3|2～3|number-range}}个，带动农户增收{{1-2万元|1万～2万元|number-range}}。
（三）人居环境持续改善。完成农村改厕360户{{。。。|……|repeated-punctuation}}
（四）帮扶工作成效明显。镇党委{{做出|作出|confusable-word}}全面部署，脱贫户人均纯收入同比增长11%。
二、存在的问题
农业产业链条不长，{{其它|其他|confusable-word}}经营主体带动能力较弱。
三、2024年工作计划
（一）稳定粮食生产。粮食播种面积稳定在3.2万亩以上{{；。|。|repeated-punctuation}}
（二）做强特色产业。{{2024-2026年|2024—2026年|number-range}}每年新建茶园500亩。
""")

DRAFTS["06-market"] = ("utf-8", """青溪县市场监督管理局2023年工作总结
2023年，县市场监管局坚持监管与服务并重，营商环境持续优化。
一、工作开展情况
（一）经营主体持续增长。新登记经营主体4600户{{(其中企业820户)|（其中企业820户）|punctuation-width}}，同比增长9.5%。
（二）食品安全形势平稳。开展抽检1800批次，合格率{{98-99%|98%～99%|number-range}}。
（三）知识产权保护加强。查处侵权案件23件，罚没款86万元{{。。|。|repeated-punctuation}}
（四）市场秩序规范有序。{{22年|2022年|year-abbreviation}}底以来，累计清理长期停业未经营企业1300户。
二、存在的问题
一是基层执法力量不足；二是{{《|产品质量法|paired-marks}}产品质量法宣传不够深入。
三、2024年工作打算
（一）优化营商环境。推行{{权利|权力|confusable-word}}清单制度，压缩开办企业时间。
（二）守牢安全底线。重点场所检查覆盖率达到100%{{，，|，|repeated-punctuation}}确保不发生重大食品安全事故。
""")

DRAFTS["07-transport"] = ("utf-8", """桐山县交通运输局2023年工作总结
2023年，县交通运输局以“四好农村路”建设为抓手，交通基础设施不断完善。
一、工作开展情况
（一）项目建设加快推进。全年完成交通投资6.8亿元{{,|，|punctuation-width}}同比增长14%。
（二）农村公路提档升级。新改建农村公路{{120－130|120～130|number-range}}公里，新增通客车行政村8个。
（三）运输服务持续改善。{{23年|2023年|year-abbreviation}}7月，城乡公交一体化正式运行{{…|……|repeated-punctuation}}群众出行更加便利。
（四）安全生产形势平稳。10月8{{号|日|date-form}}组织开展道路运输应急演练。
二、存在的问题
部分农村公路养护资金不足，{{“|重建轻养|paired-marks}}重建轻养问题仍然存在。
三、2024年工作计划
（一）加快重点项目建设。力争完成交通投资{{7-8亿元|7亿～8亿元|number-range}}。
（二）提升养护水平。帮助运输企业{{度过|渡过|confusable-word}}难关，稳定运输市场。
""")

DRAFTS["08-culture"] = ("utf-8", """# 柳河县文化和旅游局2023年工作总结

2023年，县文化和旅游局着力推动文旅融合发展，各项工作取得新成效。

## 一、工作开展情况

（一）公共文化服务提质增效。开展送戏下乡演出126场{{;|；|punctuation-width}}服务群众3.2万人次。

（二）旅游市场加快复苏。全县接待游客{{180-190万|180万～190万|number-range}}人次，实现旅游收入12.6亿元。

（三）文化遗产保护有力。{{2023.9.16|2023年9月16日|date-form}}，县博物馆新馆正式开放。

## 二、存在的问题

旅游产品同质化问题突出{{，。|。|repeated-punctuation}}

## 三、2024年工作计划

（一）打造精品线路。推出精品旅游线路{{3-5|3～5|number-range}}条。

（二）办好节庆活动。{{做出|作出|confusable-word}}周密安排，办好第三届茶文化旅游节。
""")

DRAFTS["09-finance"] = ("utf-8", """白沙镇财政所2023年工作总结
2023年，镇财政所严格落实过紧日子要求，财政运行总体平稳。
一、工作开展情况
（一）收入质量稳步提高。一般公共预算收入完成1.86亿元{{,|，|punctuation-width}}同比增长6.2%。
（二）支出结构持续优化。民生支出占比保持在{{75-80%|75%～80%|number-range}}。
（三）财务管理更加规范。规范财务{{报帐|报账|confusable-word}}流程，清理往来款项32笔{{。。|。|repeated-punctuation}}
（四）资产管理全面加强。{{21年|2021年|year-abbreviation}}底以来，累计盘活闲置资产860万元。
二、存在的问题
一是收入增长后劲不足{{；。|。|repeated-punctuation}}
三、2024年工作计划
（一）加强收入征管。力争一般公共预算收入增长{{5-6%|5%～6%|number-range}}。
（二）严控一般性支出。{{必需|必须|confusable-word}}把有限的资金用在刀刃上。
""")

DRAFTS["10-civil"] = ("utf-8", """安平街道民政办2023年工作总结
2023年，街道民政办坚持以人民为中心的发展思想，兜牢基本民生底线。
一、工作开展情况
（一）社会救助精准高效。全年发放低保金620万元{{:|：|punctuation-width}}惠及困难群众1800人。
（二）养老服务持续完善。建成社区养老服务站{{3－4|3～4|number-range}}个，{{二三年|二〇二三年|year-abbreviation}}度新增床位120张。
（三）社会组织规范发展。{{截止|截至|confusable-word}}目前，登记备案社会组织46家。
（四）慈善事业蓬勃发展。{{2023/12/5|2023年12月5日|date-form}}，举办“慈善一日捐”活动，募集善款38万元。
二、存在的问题
养老服务供给不足，{{（|专业护理人员|paired-marks}}专业护理人员短缺。
三、2024年工作打算
（一）提升救助水平。让困难群众温暖{{渡过|度过|confusable-word}}春节。
（二）发展养老服务。新建助餐点{{5-8|5～8|number-range}}个{{。。|。|repeated-punctuation}}
""")

DRAFTS["11-science"] = ("utf-8", """桐山县科学技术局2023年工作总结
2023年，县科技局深入实施创新驱动发展战略，科技创新能力持续增强。
一、工作开展情况
（一）创新主体不断壮大。新认定高新技术企业18家{{,|，|punctuation-width}}科技型中小企业入库62家。
（二）研发投入稳步增长。全社会研发经费投入强度提高到{{1.8-2%|1.8%～2%|number-range}}。
（三）科技成果加快转化。{{23年|2023年|year-abbreviation}}度技术合同成交额3.6亿元{{、、|、|repeated-punctuation}}同比增长21%。
（四）人才引进成效明显。大胆{{启用|起用|confusable-word}}年轻干部和优秀人才，引进高层次人才15名。
二、存在的问题
企业创新意识不强{{？|？|}}研发投入不足的问题依然存在{{。。|。|repeated-punctuation}}
三、2024年工作计划
（一）培育创新主体。力争新增高新技术企业{{10-12|10～12|number-range}}家。
（二）完善创新平台。3月20{{号|日|date-form}}前完成县级重点实验室评审。
""")

DRAFTS["12-housing"] = ("utf-8", """柳河县住房和城乡建设局2023年工作总结
2023年，县住建局围绕城市更新和住房保障，扎实推进各项工作。
一、工作开展情况
（一）城市更新有序推进。改造老旧小区26个{{(涉及居民3100户)|（涉及居民3100户）|punctuation-width}}，加装电梯48部。
（二）住房保障持续加强。发放租赁补贴{{280-300万元|280万～300万元|number-range}}，惠及家庭1600户。
（三）建筑市场规范有序。{{2023.5.20|2023年5月20日|date-form}}起，全面推行施工许可网上办理。
（四）安全监管扎实有效。开展建筑施工安全检查{{“|双随机|paired-marks}}双随机抽查120次。
二、存在的问题
一是城市管理精细化水平不高{{，，|，|repeated-punctuation}}二是物业服务质量参差不齐。
三、2024年工作计划
（一）推进城市更新。完成老旧小区改造{{20-25|20～25|number-range}}个。
（二）加强行业监管。依法明确业主的{{权力|权利|confusable-word}}和义务，规范物业服务。
""")

DRAFTS["13-ecology"] = ("utf-8", """青溪县生态环境分局2023年工作总结
2023年，分局深入打好污染防治攻坚战，全县生态环境质量持续改善。
一、工作开展情况
（一）大气环境持续向好。细颗粒物平均浓度下降{{3-5%|3%～5%|number-range}}，优良天数比例达到92.6%。
（二）水环境质量稳定。国控断面水质优良率100%{{!|！|punctuation-width}}
（三）土壤环境安全可控。{{22年|2022年|year-abbreviation}}5月启动的土壤详查全部完成{{…|……|repeated-punctuation}}
（四）执法监管严格规范。认真办理群众{{反应|反映|confusable-word}}问题，办结率100%。
二、存在的问题
部分企业环保意识不强{{；。|。|repeated-punctuation}}
三、2024年工作打算
（一）深化大气污染防治。{{2024-2025年|2024—2025年|number-range}}完成重点行业超低排放改造。
（二）加强环境执法。{{1-2月|1—2月|number-range}}开展冬季大气污染专项检查。
""")

DRAFTS["14-youth"] = ("utf-8", """白沙镇团委2023年工作总结
2023年，镇团委紧扣党政中心工作，团结带领全镇青年建功立业。
一、工作开展情况
（一）思想引领扎实有效。开展主题团日活动36场{{,|，|punctuation-width}}覆盖团员青年2100人次。
（二）服务青年成效明显。组织青年就业招聘会{{3－5|3～5|number-range}}场，提供岗位600个。
（三）志愿服务广泛开展。{{23年|2023年|year-abbreviation}}暑期，组织大学生志愿者开展关爱留守儿童活动。
（四）自身建设不断加强。认真学习{{《|中国共产主义青年团章程|paired-marks}}中国共产主义青年团章程，团员教育评议全覆盖。
二、存在的问题
部分团支部活动开展不经常{{、、|、|repeated-punctuation}}
三、2024年工作计划
（一）加强思想引领。{{截止|截至|confusable-word}}2024年6月底，完成全部团支部换届。
（二）服务青年发展。5月4{{号|日|date-form}}举办青年创业分享会，全年{{再接再励|再接再厉|confusable-word}}。
""")


def build() -> None:
    for slug, (enc, src) in DRAFTS.items():
        lines_out, defects = [], []
        for n, line in enumerate(src.strip("\n").split("\n"), 1):
            out, at = [], 0
            for m in MARK.finditer(line):
                out.append(line[at:m.start()])
                wrong, fixed, rule = m.groups()
                out.append(wrong)
                at = m.end()
                if rule:  # `{{x|x|}}` is a control: correct text that must stay as it is
                    safe = bool(fixed) and rule != "paired-marks"  # paired-marks: no fix, `fixed` is a note
                    defects.append({"line": n, "name": rule, "wrong": wrong, "fixed": fixed if safe else None,
                                    "safe": safe})
            out.append(line[at:])
            lines_out.append("".join(out))
        text = "\n".join(lines_out) + "\n"
        ext = ".md" if text.startswith("# ") else ".txt"
        (HERE / f"{slug}{ext}").write_bytes(text.encode(enc))
        meta = {"file": f"{slug}{ext}", "encoding": enc, "defects": defects}
        (HERE / f"{slug}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build()
