/**
 * The phrase bank: our own wording for headings, section leads, openings and closings, keyed by what a
 * section is about and by tense (review looks back, plan looks ahead). No phrase holds a digit, so the
 * composer can never add a figure.
 */

export type Tense = 'review' | 'plan';

export interface Topic {
  /** Words in a section's topic that put it under this heading. */
  keywords: string[];
  /**
   * Words too common to decide alone (责任, 制度, 教育 …): they count only when the text is about this
   * topic's parent (安全责任落实 → 责任落实), or when no other topic's keyword matches at all (责任落实).
   */
  weak?: string[];
  /**
   * Specific topics (消防, 食品, 防溺水 …) beat broad ones wherever their keyword stands, so 制度和应急预案建设
   * is about 预案, not 制度 in general.
   */
  specific?: boolean;
  /** The broader topic whose leads a section falls back on once its own are used up. */
  parent?: string;
  /** Heading openers that state the approach: 坚持……, 聚焦……. */
  approaches: string[];
  /** First sentences of a section, by tense. */
  leads: Record<Tense, string[]>;
}

/** Safety sub-topics: a safety summary has ten sections, each needs its own approach and first sentence. */
const SAFETY_TOPICS: Record<string, Topic> = {
  安全责任: {
    keywords: ['安全责任', '一岗双责', '安全目标', '党政同责', '安全工作领导', '安全领导'],
    weak: ['责任', '领导小组', '组织领导', '考核'],
    specific: true,
    parent: '安全',
    approaches: ['健全安全责任体系', '坚持党政同责、一岗双责', '强化组织领导', '层层传导安全压力'],
    leads: {
      review: [
        '把落实安全责任作为首要环节，主要领导亲自抓、分管领导具体抓、各科室协同抓的格局已经形成。',
        '逐级明确安全管理职责，责任链条延伸到每所学校、每个岗位。',
        '坚持谁主管、谁负责，安全责任体系进一步健全。',
      ],
      plan: [
        '要把安全责任逐级分解到学校、科室和岗位，做到责任清晰、各负其责。',
        '要健全安全工作领导机制，推动安全责任落地落细。',
        '要严格安全工作考核，以责任落实带动措施落实。',
      ],
    },
  },
  制度预案: {
    keywords: ['预案', '安全制度', '安全管理制度', '制度预案'],
    weak: ['制度', '机制', '规范'],
    specific: true,
    parent: '安全',
    approaches: ['健全制度机制', '完善应急预案体系', '坚持用制度管安全', '以制度建设为保障'],
    leads: {
      review: [
        '把制度建设作为安全管理的基础，各项安全管理制度和应急预案不断完善。',
        '坚持按制度管人、按流程办事，安全管理的规范化程度有了新的提高。',
        '围绕可能发生的各类突发事件修订预案，应急处置的针对性和可操作性进一步增强。',
      ],
      plan: [
        '要健全安全管理制度，做到有章可循、照章办事。',
        '要修订完善各类应急预案，提高预案的实用性和可操作性。',
        '要推动安全管理制度化、规范化，让各项要求落实到日常。',
      ],
    },
  },
  教育演练: {
    keywords: ['演练', '安全教育', '安全知识', '安全宣传', '疏散', '安全课'],
    weak: ['教育', '宣传', '培训'],
    specific: true,
    parent: '安全',
    approaches: ['坚持教育先行', '以演练促实战', '突出常态化安全教育', '坚持知行合一'],
    leads: {
      review: [
        '把安全教育纳入日常教育教学，师生安全意识和自护自救能力明显增强。',
        '坚持教育与演练相结合，应急疏散演练常态化开展。',
        '创新安全教育的形式和载体，安全知识真正入脑入心。',
      ],
      plan: [
        '要把安全教育贯穿学校教育全过程，提高师生自护自救能力。',
        '要坚持演练常态化、实战化，做到人人熟悉流程、个个掌握要领。',
        '要丰富安全教育的形式和载体，增强教育的实际效果。',
      ],
    },
  },
  隐患排查: {
    keywords: ['隐患', '安全检查', '大检查', '安全排查', '风险排查'],
    weak: ['排查', '整改', '检查', '督查'],
    specific: true,
    parent: '安全',
    approaches: ['坚持排查与整改并重', '以隐患动态清零为目标', '突出抓早抓小', '坚持闭环管理'],
    leads: {
      review: [
        '坚持定期排查与专项检查相结合，隐患发现和整改更加及时。',
        '对排查出的问题建立台账、限时销号，隐患整改实行闭环管理。',
        '把隐患排查作为防范事故的关键环节，风险防控关口不断前移。',
      ],
      plan: [
        '要坚持常态排查与专项整治相结合，做到隐患早发现、早整改。',
        '要建立隐患整改台账，实行清单管理、逐项销号。',
        '要把风险防控关口前移，把问题解决在萌芽状态。',
      ],
    },
  },
  校园安保: {
    keywords: ['安保', '护校', '门卫', '技防', '人防', '物防', '视频监控', '一键报警', '护学岗', '校园周边', '警校', '治安'],
    weak: ['保安', '监控', '周边'],
    specific: true,
    parent: '安全',
    approaches: ['强化人防物防技防', '坚持群防群治', '筑牢校园安全防线', '推进平安校园建设'],
    leads: {
      review: [
        '统筹人防、物防、技防建设，校园安全防范体系更加完善。',
        '深化警校协作，校园及周边治安秩序持续向好。',
        '严格校门管理和值守巡查，校园安全防线更加牢固。',
      ],
      plan: [
        '要统筹人防、物防、技防，提升校园安全防范水平。',
        '要深化警校联动，持续净化校园周边环境。',
        '要严格落实门卫值守和巡查要求，守住校园大门。',
      ],
    },
  },
  食品安全: {
    keywords: ['食品', '饮用水', '营养餐', '膳食', '餐饮', '明厨亮灶'],
    weak: ['食堂'],
    specific: true,
    parent: '安全',
    approaches: ['严把食品安全关口', '坚持源头管控', '强化食堂全过程监管', '守护师生舌尖安全'],
    leads: {
      review: [
        '从采购、贮存、加工到留样各环节加强管理，学校食品安全保障水平稳步提高。',
        '落实学校食品安全主体责任，食堂日常管理更加规范。',
        '加强与市场监管部门协作，校园食品安全形势保持稳定。',
      ],
      plan: [
        '要严格食品采购、加工、留样等环节管理，确保师生饮食安全。',
        '要落实学校食品安全校长负责制，规范食堂日常管理。',
        '要加强校园及周边食品安全监管，守护师生舌尖上的安全。',
      ],
    },
  },
  交通安全: {
    keywords: ['交通', '校车', '接送车辆', '骑行'],
    weak: ['车辆', '上下学'],
    specific: true,
    parent: '安全',
    approaches: ['强化校车安全管理', '坚持部门联动', '突出上下学重点时段', '坚持综合治理'],
    leads: {
      review: [
        '加强校车和接送车辆管理，学生上下学交通安全得到有效保障。',
        '联合交通管理部门综合施策，校园周边交通秩序进一步改善。',
        '深化交通安全宣传教育，学生遵守交通规则的意识明显提高。',
      ],
      plan: [
        '要加强校车运行监管，确保学生乘车安全。',
        '要会同交警等部门整治校园周边交通秩序，保障学生上下学安全。',
        '要加强交通安全教育，引导学生自觉遵守交通规则。',
      ],
    },
  },
  消防安全: {
    keywords: ['消防', '火灾', '防火', '电气'],
    weak: ['用电', '燃气'],
    specific: true,
    parent: '安全',
    approaches: ['坚持防消结合', '夯实消防安全基础', '突出重点部位防控', '提升防火灭火能力'],
    leads: {
      review: [
        '夯实消防基础设施，学校防火和初起火灾扑救能力不断提升。',
        '突出宿舍、实验室、食堂等重点部位，消防安全隐患得到有效治理。',
        '加强消防设施维护和消防知识普及，校园火灾防控能力持续增强。',
      ],
      plan: [
        '要落实消防安全责任，确保消防设施完好有效、疏散通道畅通。',
        '要突出宿舍、食堂、实验室等重点部位，加强用火用电管理。',
        '要提升师生防火意识和初起火灾处置能力。',
      ],
    },
  },
  防溺水: {
    keywords: ['溺水', '涉水', '游泳'],
    weak: ['水域'],
    specific: true,
    parent: '安全',
    approaches: ['坚持家校社联动', '紧盯暑期等关键时段', '织密防溺水防护网', '坚持教育与管控并重'],
    leads: {
      review: [
        '把防溺水作为夏季安全工作的重中之重，家校社协同防护网络不断织密。',
        '紧盯重点时段和重点水域，防溺水宣传教育做到全覆盖。',
        '坚持教育提醒和水域管控并举，学生防溺水意识明显增强。',
      ],
      plan: [
        '要紧盯节假日和暑期等关键时段，加强防溺水教育提醒。',
        '要会同有关部门加强重点水域巡查管控，落实警示和防护措施。',
        '要压实家长监护责任，形成家校社共同防范的合力。',
      ],
    },
  },
  欺凌防治: {
    keywords: ['欺凌', '霸凌', '校园暴力'],
    specific: true,
    parent: '安全',
    approaches: ['坚持预防为先、教育为主', '健全欺凌防治机制', '坚持早发现早干预', '营造友善校园氛围'],
    leads: {
      review: [
        '健全学生欺凌防治工作机制，预防、发现和处置流程更加清晰。',
        '坚持教育引导与严格管理并重，友善和谐的校园氛围日益浓厚。',
        '加强排查研判和早期干预，学生之间的矛盾纠纷得到及时化解。',
      ],
      plan: [
        '要健全学生欺凌防治长效机制，做到早发现、早干预、早处置。',
        '要加强法治教育和品德教育，引导学生友善相处。',
        '要定期开展排查，及时化解学生之间的矛盾纠纷。',
      ],
    },
  },
  稳定: {
    keywords: ['稳定', '维稳', '信访', '矛盾纠纷', '舆情'],
    specific: true,
    parent: '安全',
    approaches: ['坚持源头化解', '统筹发展和安全', '守牢安全稳定底线', '坚持依法处置'],
    leads: {
      review: [
        '坚持把矛盾化解在基层，教育系统总体保持和谐稳定。',
        '加强风险研判和舆情应对，涉教矛盾纠纷得到妥善处理。',
        '落实信访工作责任，群众的合理诉求得到及时回应。',
      ],
      plan: [
        '要加强涉教矛盾风险排查化解，维护教育系统和谐稳定。',
        '要健全舆情监测和应对机制，及时回应社会关切。',
        '要依法依规做好信访工作，把问题解决在基层。',
      ],
    },
  },
  卫生防疫: {
    keywords: ['传染病', '疫情', '防疫', '疾病预防', '公共卫生', '疾病防控'],
    weak: ['卫生'],
    specific: true,
    parent: '安全',
    approaches: ['坚持关口前移', '强化联防联控', '坚持预防为主、科学防治'],
    leads: {
      review: [
        '落实传染病防控各项措施，校园公共卫生安全得到有效保障。',
        '加强与卫生健康部门协作，学校卫生防疫工作规范开展。',
        '坚持日常监测与集中防控相结合，疾病在校园传播的风险得到有效控制。',
      ],
      plan: [
        '要落实晨午检、因病缺课追踪等要求，防范传染病在校园传播。',
        '要加强与卫生健康部门联防联控，做好季节性疾病防控。',
        '要改善学校卫生条件，提升公共卫生事件应对能力。',
      ],
    },
  },
  防灾减灾: {
    keywords: ['防汛', '汛期', '自然灾害', '地质灾害', '防灾减灾', '极端天气', '防震'],
    weak: ['气象', '灾害'],
    specific: true,
    parent: '安全',
    approaches: ['坚持防灾减灾并重', '强化预警响应', '坚持人员安全优先'],
    leads: {
      review: [
        '落实汛期和极端天气防范措施，学校防灾减灾能力有效提升。',
        '健全预警信息传递和应急响应机制，自然灾害应对更加有序。',
        '排查学校周边地质灾害风险点，各项防范措施落实到位。',
      ],
      plan: [
        '要做好汛期和极端天气防范，及时转发预警、落实应对措施。',
        '要排查学校及周边灾害风险点，落实监测和避险措施。',
        '要开展防灾减灾宣传教育，提高师生避险自救能力。',
      ],
    },
  },
  设施安全: {
    keywords: ['校舍安全', '危房', '特种设备', '实验室安全', '危化品', '危险化学品', '燃气安全', '建筑安全'],
    specific: true,
    parent: '安全',
    approaches: ['坚持排查与加固并重', '筑牢校舍安全防线', '强化设施设备安全管理'],
    leads: {
      review: [
        '加强校舍和设施设备安全管理，校园建筑和设备运行安全得到保障。',
        '对存在隐患的校舍及时维修加固，师生学习生活环境更加安全。',
        '规范特种设备和实验室危化品管理，设施设备安全风险有效降低。',
      ],
      plan: [
        '要定期开展校舍安全排查，及时维修加固存在隐患的建筑。',
        '要加强特种设备和实验室危险化学品管理，落实专人专责。',
        '要建立设施设备安全档案，做到定期检测、规范使用。',
      ],
    },
  },
};

export const TOPICS: Record<string, Topic> = {
  党建: {
    keywords: ['党建', '党的建设', '党风', '廉政', '廉洁', '党组织', '党委', '支部', '意识形态', '党员', '从严治党', '政治', '主题教育', '作风', '纪律'],
    approaches: ['坚持党建引领', '把牢政治方向', '坚持全面从严治党', '以高质量党建为统领', '坚持党建与业务深度融合'],
    leads: {
      review: [
        '始终把党的政治建设摆在首位，推动党建工作与教育业务深度融合。',
        '坚持把抓好党建作为最大的政绩，基层党组织的战斗堡垒作用充分发挥。',
        '持续加强党的建设，全面从严治党主体责任层层压实。',
        '以党建带队伍、促发展，党员干部干事创业的精气神进一步提振。',
      ],
      plan: [
        '要坚持把党的政治建设摆在首位，以党建引领教育事业发展。',
        '要落实全面从严治党主体责任，推动党建与业务同部署、同落实。',
        '要持续加强基层党组织建设，发挥党员先锋模范作用。',
        '要驰而不息正风肃纪，营造风清气正的教育生态。',
      ],
    },
  },
  德育: {
    keywords: ['德育', '立德树人', '思想政治', '思政', '劳动教育', '美育', '体育', '未成年人', '家校', '家庭教育', '五育', '文明', '育人'],
    approaches: ['坚持立德树人根本任务', '坚持五育并举', '把德育放在首位', '聚焦学生全面发展', '坚持全员全程全方位育人'],
    leads: {
      review: [
        '坚持育人为本、德育为先，将立德树人融入教育教学各环节。',
        '着眼学生全面发展，德智体美劳协同育人格局逐步形成。',
        '深化课程育人和实践育人，学生综合素质持续提升。',
        '推动学校、家庭、社会协同育人，育人合力不断增强。',
      ],
      plan: [
        '要把立德树人贯穿教育教学全过程，健全全员全程全方位育人机制。',
        '要坚持五育并举，促进学生德智体美劳全面发展。',
        '要深化实践育人，增强德育工作的针对性和实效性。',
        '要健全学校家庭社会协同育人机制，形成育人合力。',
      ],
    },
  },
  心理: {
    keywords: ['心理'],
    specific: true,
    parent: '德育',
    approaches: ['坚持健康第一', '坚持预防与干预并重', '构建心理健康服务体系', '坚持全员关爱'],
    leads: {
      review: [
        '关注学生心理健康，心理健康教育和危机干预体系逐步健全。',
        '加强心理辅导队伍和场所建设，学生心理健康服务更加及时。',
        '坚持早筛查、早发现、早干预，学生心理危机防范能力有所提升。',
      ],
      plan: [
        '要把心理健康教育融入日常教育教学，培育学生积极的心理品质。',
        '要完善心理健康监测和危机干预机制，做到早筛查、早干预。',
        '要加强心理健康教师队伍建设，推动家校协同关爱学生心理健康。',
      ],
    },
  },
  师资: {
    keywords: ['教师', '师资', '师德', '队伍', '培训', '校长', '人才', '人事', '编制', '职称', '名师', '骨干'],
    approaches: ['坚持人才强教', '聚焦师德师风和专业成长', '以高素质专业化为目标', '坚持把教师队伍建设作为基础工作', '坚持培养与引进并重'],
    leads: {
      review: [
        '把教师队伍建设作为基础性工作来抓，师德师风和业务能力同步提升。',
        '多渠道补充和培养教师，队伍结构不断优化。',
        '坚持严管与厚爱相结合，广大教师干事创业的积极性进一步激发。',
        '健全分层分类培养体系，骨干教师和青年教师成长步伐加快。',
      ],
      plan: [
        '要把师德师风作为第一标准，打造高素质专业化教师队伍。',
        '要健全教师培养培训体系，提升教师专业能力。',
        '要完善激励保障机制，让教师安心从教、热心从教。',
        '要优化教师资源配置，补齐学科和区域结构短板。',
      ],
    },
  },
  安全: {
    keywords: ['安全', '平安', '应急'],
    approaches: ['坚持安全第一、预防为主', '压紧压实安全责任', '坚持底线思维', '聚焦校园安全稳定', '坚持系统治理'],
    leads: {
      review: [
        '始终把师生生命安全放在首位，织密校园安全防护网。',
        '坚持预防为主、防治结合，校园安全防范能力持续增强。',
        '层层压实安全责任，各类风险隐患得到有效管控。',
        '统筹发展和安全，校园安全工作的系统性、整体性不断增强。',
      ],
      plan: [
        '要牢固树立安全发展理念，守牢校园安全底线。',
        '要坚持预防为主、综合治理，把安全责任落实到每个岗位。',
        '要健全隐患排查整治长效机制，切实保障师生安全。',
        '要统筹发展和安全，提升校园安全治理水平。',
      ],
    },
  },
  ...SAFETY_TOPICS,
  基础设施: {
    keywords: ['基础设施', '校舍', '基建', '项目', '办学条件', '运动场', '改造', '建设工程', '装备', '食堂', '宿舍', '学位'],
    approaches: ['坚持项目带动', '聚焦办学条件改善', '以补短板为重点', '坚持建管并重', '坚持资金项目统筹'],
    leads: {
      review: [
        '加大投入力度，办学条件得到明显改善。',
        '统筹推进项目建设，学校硬件水平持续提升。',
        '坚持建设与管理并重，校舍和设施设备保障能力进一步增强。',
        '围绕补齐学位和设施短板，一批民生项目建成投用。',
      ],
      plan: [
        '要统筹资金和项目，持续改善学校办学条件。',
        '要加快项目建设进度，确保工程质量和安全。',
        '要坚持建管并重，提高设施设备使用效益。',
        '要科学规划学校布局，扩大优质学位供给。',
      ],
    },
  },
  信息化: {
    keywords: ['信息化', '智慧', '数字', '网络', '平台', '信息技术', '人工智能', '智能'],
    approaches: ['坚持以教育数字化为支撑', '聚焦智慧教育', '推动信息技术与教育教学深度融合', '以数字化赋能'],
    leads: {
      review: [
        '加快教育数字化转型，信息技术与教育教学融合不断深化。',
        '完善数字化基础环境，智慧教育应用水平持续提升。',
        '推进优质数字资源共建共享，信息化支撑作用日益显现。',
      ],
      plan: [
        '要推进教育数字化转型，以信息化带动教育现代化。',
        '要完善智慧教育环境，提升师生数字素养。',
        '要推动数字资源共建共享，扩大优质资源覆盖面。',
      ],
    },
  },
  学前: {
    keywords: ['学前', '幼儿园', '幼儿', '托育', '保教', '普惠'],
    approaches: ['坚持公益普惠', '聚焦学前教育普及普惠', '以扩资源、提质量为重点'],
    leads: {
      review: [
        '坚持公益普惠方向，学前教育资源进一步扩大。',
        '规范办园行为，保教质量稳步提高。',
        '推进科学保教，幼儿园办园水平不断提升。',
      ],
      plan: [
        '要坚持公益普惠，持续扩大学前教育资源。',
        '要规范办园行为，提升科学保教水平。',
        '要加强幼儿园内涵建设，推动学前教育优质发展。',
      ],
    },
  },
  均衡: {
    keywords: ['均衡', '义务教育', '控辍保学', '招生', '入学', '资助', '随迁', '特殊教育', '集团化', '公平', '乡村', '农村', '薄弱'],
    approaches: ['坚持优质均衡发展', '聚焦教育公平', '以缩小差距为目标', '坚持公平与质量并重'],
    leads: {
      review: [
        '着力促进教育公平，义务教育优质均衡发展迈出新步伐。',
        '统筹城乡教育资源，校际差距逐步缩小。',
        '健全保障机制，确保每个适龄儿童少年享有公平的受教育机会。',
      ],
      plan: [
        '要推进义务教育优质均衡发展，促进教育公平。',
        '要统筹城乡教育资源配置，缩小城乡、校际差距。',
        '要健全学生资助和关爱体系，确保不让一个学生掉队。',
      ],
    },
  },
  质量: {
    keywords: ['教学', '质量', '课堂', '教研', '课程', '中考', '高考', '双减', '作业', '考试', '课后服务', '评价', '高中'],
    approaches: ['坚持质量立教', '聚焦课堂主阵地', '以教研为支撑', '坚持减负提质'],
    leads: {
      review: [
        '牢固树立质量意识，教育教学质量稳中有升。',
        '深化课堂教学改革，教研工作的引领作用不断增强。',
        '统筹推进减负与提质，学生学习生活更加健康。',
      ],
      plan: [
        '要牢固树立质量意识，推动教育教学质量稳步提升。',
        '要深化课堂教学改革，发挥教研支撑作用。',
        '要统筹减负与提质，促进学生健康成长。',
      ],
    },
  },
  治理: {
    keywords: ['督导', '管理', '法治', '依法', '规范', '改革', '治理', '制度', '考核', '评估', '财务', '经费', '审计', '民办', '校外培训'],
    approaches: ['坚持依法治教', '聚焦管理规范', '以改革促发展', '坚持问题导向'],
    leads: {
      review: [
        '坚持依法治教、规范管理，教育治理水平不断提高。',
        '深化重点领域改革，教育发展活力进一步释放。',
        '健全制度机制，管理工作更加规范有序。',
      ],
      plan: [
        '要坚持依法治教，提升教育治理能力。',
        '要以改革破解发展难题，增强教育发展活力。',
        '要健全管理制度，推动各项工作规范运行。',
      ],
    },
  },
  职成: {
    keywords: ['职业教育', '职教', '社区教育', '老年', '继续教育', '成人', '终身', '产教'],
    approaches: ['坚持服务发展', '聚焦技能人才培养', '以产教融合为抓手'],
    leads: {
      review: [
        '坚持面向市场、服务发展，职业教育和继续教育协调推进。',
        '深化产教融合，技能人才培养质量稳步提升。',
      ],
      plan: [
        '要坚持服务发展导向，推动职业教育提质培优。',
        '要深化产教融合、校企合作，提高技能人才培养质量。',
      ],
    },
  },
};

/** Wording for a section whose topic matches nothing, and the fallback once a topic's own wording is used up. */
export const GENERAL: Topic = {
  keywords: [],
  approaches: [
    '坚持统筹推进',
    '坚持目标导向',
    '以抓落实为重点',
    '坚持守正创新',
    '聚焦重点难点',
    '坚持系统谋划',
    '坚持问题导向',
    '强化责任担当',
    '坚持精准施策',
    '坚持改革创新',
    '加强统筹协调',
    '坚持综合施策',
    '突出重点、以点带面',
    '强化过程管理',
    '健全工作机制',
    '坚持常抓不懈',
    '注重实效',
    '坚持点面结合',
  ],
  leads: {
    review: [
      '围绕年度目标任务，精心组织、扎实推进，取得了较好成效。',
      '坚持问题导向，狠抓工作落实，各项任务有序完成。',
      '加强统筹协调，细化工作措施，工作质效不断提升。',
      '立足实际、主动作为，相关工作取得新的进展。',
      '对照目标抓推进，对照问题抓整改，工作基础更加扎实。',
      '注重建章立制和督促检查，工作的规范化水平有所提高。',
      '加强上下联动和部门协作，形成了齐抓共管的工作合力。',
      '坚持重点突破与整体推进相结合，各项工作稳步向前。',
      '把工作重心放在解决实际问题上，群众的获得感不断增强。',
      '强化过程管理和跟踪问效，年初确定的任务得到较好落实。',
      '主动对接上级要求和基层需求，工作的针对性进一步增强。',
      '坚持边实践、边总结、边完善，工作机制日趋成熟。',
    ],
    plan: [
      '要明确目标任务，细化工作措施，确保各项工作落到实处。',
      '要坚持问题导向，聚焦重点难点，推动工作取得实效。',
      '要加强统筹协调，形成工作合力。',
      '要立足实际、创新方法，推动工作提质增效。',
      '要压实工作责任，建立任务清单，按时间节点推进落实。',
      '要加强督促检查和跟踪问效，确保工作不走过场。',
      '要加强部门协作和上下联动，形成齐抓共管的格局。',
      '要坚持重点突破与整体推进相结合，推动工作迈上新台阶。',
      '要主动回应群众关切，把工作做到群众心坎上。',
      '要注重总结经验、完善机制，推动工作常态长效。',
      '要对标先进找差距，以更高标准推进各项工作。',
      '要把握工作节奏，做到早谋划、早部署、早落实。',
    ],
  },
};

/**
 * Second halves of headings: the result (review) or the aim (plan). `{{topic}}` is the section's topic
 * as a noun (a short one gets 工作: 防溺水 → 防溺水工作).
 */
export const HEADING_RESULTS: Record<Tense, string[]> = {
  review: [
    '{{topic}}取得新成效',
    '{{topic}}进一步加强',
    '{{topic}}扎实推进',
    '{{topic}}水平稳步提升',
    '{{topic}}迈出新步伐',
    '{{topic}}持续深化',
    '{{topic}}成效明显',
    '{{topic}}不断完善',
    '{{topic}}取得积极进展',
    '{{topic}}稳中有进',
    '{{topic}}提质增效',
    '{{topic}}基础更加牢固',
  ],
  plan: [
    '扎实推进{{topic}}',
    '着力加强{{topic}}',
    '持续深化{{topic}}',
    '全面抓好{{topic}}',
    '统筹做好{{topic}}',
    '不断提升{{topic}}水平',
    '切实抓好{{topic}}',
    '深入推进{{topic}}',
    '进一步做好{{topic}}',
    '持续加强{{topic}}',
    '扎实做好{{topic}}',
    '全力推进{{topic}}',
  ],
};

/**
 * Results for a topic that already starts with a verb (加强师德师风建设): review says what came of it,
 * plan puts an adverb before it, so no heading reads 着力加强加强…….
 */
export const VERB_TOPIC_RESULTS: Record<Tense, string[]> = {
  review: ['{{topic}}取得新成效', '{{topic}}取得积极进展', '{{topic}}成效明显', '{{topic}}取得明显成效', '{{topic}}见到实效'],
  plan: ['扎实{{topic}}', '持续{{topic}}', '切实{{topic}}', '着力{{topic}}', '全面{{topic}}', '进一步{{topic}}', '不断{{topic}}'],
};

/** A topic opening with one of these already says how: plan headings use it as it stands. */
const ADVERB_STARTS = [
  '进一步', '深入', '全面', '持续', '扎实', '切实', '着力', '不断', '大力', '积极', '稳步', '认真', '加快', '努力',
  '统筹', '有序', '稳妥', '协同', '坚持', '聚焦', '围绕', '突出', '注重', '狠抓', '严格', '全力',
];
/** Verbs a topic may open with (加强教学常规管理, 推进集团化办学). */
const VERB_STARTS = [
  '加强', '推进', '深化', '提升', '提高', '抓好', '做好', '落实', '完善', '健全', '强化', '实施', '开展', '推动',
  '促进', '构建', '打造', '优化', '规范', '巩固', '办好', '扩大', '建立', '创建', '改善', '保障', '加大', '增强',
  '筑牢', '守牢', '推行', '探索', '组织', '启动', '做实', '抓实', '夯实', '防范', '预防', '治理', '整治', '提速',
];
/** A topic ending in one of these already reads as a field of work; a short one without gets 工作. */
const WORK_ENDINGS = [
  '工作', '建设', '教育', '管理', '改革', '发展', '服务', '保障', '治理', '体系', '机制', '水平', '质量', '培训',
  '行动', '工程', '活动', '改善', '均衡', '育人', '防治', '整改', '创建', '能力', '素养', '条件',
];
/** Topics ending like this don't take …水平 after them (教育教学质量水平). */
const LEVEL_ENDINGS = ['质量', '水平', '能力', '素养', '质效', '效益'];

const startsWithAny = (text: string, words: readonly string[]) => words.some((w) => text.startsWith(w));
const endsWithAny = (text: string, words: readonly string[]) => words.some((w) => text.endsWith(w));

/** 加强师德师风建设, 推进集团化办学: a topic that is already an action. */
export function isVerbTopic(topic: string): boolean {
  return startsWithAny(topic, ADVERB_STARTS) || startsWithAny(topic, VERB_STARTS);
}

/** A topic as the subject or object of a heading: 防溺水 → 防溺水工作; 教师队伍建设 stays. */
export function asWorkNoun(topic: string): string {
  return topic.length <= 4 && !endsWithAny(topic, WORK_ENDINGS) ? `${topic}工作` : topic;
}

/** Whether two texts share a run of four characters (立德树人 in 坚持立德树人根本任务). */
function overlaps(a: string, b: string): boolean {
  for (let i = 0; i + 4 <= b.length; i++) if (a.includes(b.slice(i, i + 4))) return true;
  return false;
}

/** The whole-report verdict that ends a summary's opening, before the formula. Kept modest: no claims of figures. */
export const OPENING_VERDICTS: Record<string, string[]> = {
  review: [
    '扎实推进各项工作，教育事业发展取得了新的进展。',
    '凝心聚力、真抓实干，各项工作有序推进。',
    '聚焦重点、狠抓落实，教育改革发展各项任务稳步推进。',
  ],
  safety: [
    '坚持把安全工作摆在突出位置，扎实做好校园安全各项工作。',
    '坚持人民至上、生命至上，全力守护师生平安。',
    '统筹发展和安全，持续推进平安校园建设。',
  ],
};

export const PART_LEADS: Record<'problems' | 'nextSteps' | 'goals' | 'schedule', Record<Tense, string>> = {
  problems: {
    review: '在肯定成绩的同时，我们也清醒地看到，工作中还存在一些短板和不足：',
    plan: '对照目标任务，当前工作中还存在以下薄弱环节：',
  },
  nextSteps: {
    review: '下一步，我们将坚持问题导向，重点抓好以下工作：',
    plan: '下一步，将重点抓好以下工作：',
  },
  goals: {
    review: '对照年初确定的目标，主要完成情况如下：',
    plan: '围绕总体要求，力争实现以下目标：',
  },
  schedule: {
    review: '主要工作安排如下：',
    plan: '具体工作安排如下：',
  },
};

export const CLOSINGS: Record<Tense, string[]> = {
  review: [
    '我们将以更加饱满的精神状态、更加务实的工作作风，奋力推动教育事业高质量发展。',
    '我们将再接再厉、真抓实干，努力办好人民满意的教育。',
    '我们将坚持目标不变、力度不减，推动各项工作再上新台阶。',
  ],
  plan: [
    '各单位要结合实际，细化任务分工，认真抓好落实。',
    '各项工作要明确责任、强化督查，确保落地见效。',
    '各单位要对照上述任务抓紧制定具体措施，按时保质完成。',
  ],
};

const ALL_TOPICS: Array<[string, Topic]> = Object.entries(TOPICS);

/** The earliest keyword hit among these topics, or undefined. */
function earliest(text: string, topics: ReadonlyArray<[string, Topic]>, words: (t: Topic) => readonly string[] | undefined) {
  let best: Topic | undefined;
  let bestAt = Infinity;
  for (const [, topic] of topics) {
    for (const word of words(topic) ?? []) {
      const at = text.indexOf(word);
      if (at !== -1 && at < bestAt) {
        best = topic;
        bestAt = at;
      }
    }
  }
  return best;
}

/**
 * What a text is about: a specific topic wherever its keyword stands (消防, 预案, 溺水); else the topic whose
 * keyword comes first; a broad topic yields to one of its sub-topics' weaker words (安全责任 → 安全责任落实 …);
 * with no keyword at all, any weak word; else the general wording.
 */
function findTopic(text: string): Topic {
  const specific = earliest(text, ALL_TOPICS.filter(([, t]) => t.specific), (t) => t.keywords);
  if (specific) return specific;
  const broad = earliest(text, ALL_TOPICS, (t) => t.keywords);
  if (broad) {
    const name = ALL_TOPICS.find(([, t]) => t === broad)![0];
    const children = ALL_TOPICS.filter(([, t]) => t.parent === name);
    return earliest(text, children, (t) => t.weak) ?? broad;
  }
  return earliest(text, ALL_TOPICS, (t) => t.weak) ?? GENERAL;
}

const topicCache = new Map<string, Topic>();

/** The topic entry a section's topic falls under, or the general one. Memoised: drafts ask for the same topics again. */
export function topicOf(text: string): Topic {
  let cached = topicCache.get(text);
  if (!cached) {
    cached = findTopic(text);
    if (topicCache.size > 5000) topicCache.clear();
    topicCache.set(text, cached);
  }
  return cached;
}

/** A small stable hash, so the same topic always gets the same phrasing. */
export function stableHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Picks phrases for one draft without repeating one while an unused one remains.
 * Deterministic: the same seed and calls give the same picks.
 */
export class PhrasePicker {
  private used = new Set<string>();

  /** An unused phrase, or undefined when every option has been used in this draft. */
  pickUnused(options: readonly string[], seed: string): string | undefined {
    if (options.length === 0) return undefined;
    const start = stableHash(seed) % options.length;
    for (let i = 0; i < options.length; i++) {
      const candidate = options[(start + i) % options.length];
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    return undefined;
  }

  /** An unused phrase while one remains, then the seed's own choice. */
  pick(options: readonly string[], seed: string): string {
    return this.pickUnused(options, seed) ?? options[stableHash(seed) % options.length];
  }

  /**
   * A section's first sentence: the topic's own leads first, then its parent's, then the general ones;
   * once all are used, a general lead tied to the topic by name, so no two sections open with the same sentence.
   */
  lead(topic: string, tense: Tense): string {
    const entry = topicOf(topic);
    const parent = entry.parent ? TOPICS[entry.parent] : undefined;
    for (const pool of [entry, parent, GENERAL]) {
      const own = pool && this.pickUnused(pool.leads[tense], topic);
      if (own) return own;
    }
    return `在${topic}方面，${this.pick(GENERAL.leads[tense], topic)}`;
  }

  /**
   * A heading that states the approach and the result: 坚持人才强教，教师队伍建设取得新成效 (review),
   * 坚持人才强教，着力加强教师队伍建设 (plan). A topic that is already an action keeps its verb once.
   */
  heading(topic: string, tense: Tense): string {
    // A topic written as a whole heading (立足……，推进……) needs nothing added.
    if (topic.includes('，') && tense === 'plan') return topic;
    const entry = topicOf(topic);
    const parent = entry.parent ? TOPICS[entry.parent] : undefined;
    // Openers that repeat the topic (坚持立德树人根本任务 for 立德树人) read as an echo; skip them.
    const fits = (options: readonly string[]) => {
      const kept = options.filter((approach) => !overlaps(approach, topic));
      return kept.length ? kept : options;
    };
    const approach =
      this.pickUnused(fits(entry.approaches), topic) ??
      this.pickUnused(fits(parent?.approaches ?? []), topic) ??
      this.pick(fits(GENERAL.approaches), topic);
    return `${approach}，${this.result(topic, tense)}`;
  }

  private result(topic: string, tense: Tense): string {
    const seed = `${topic}#result`;
    if (isVerbTopic(topic)) {
      if (tense === 'plan' && startsWithAny(topic, ADVERB_STARTS)) return topic;
      return this.pick(VERB_TOPIC_RESULTS[tense], seed).replace('{{topic}}', topic);
    }
    const noun = asWorkNoun(topic);
    const options = HEADING_RESULTS[tense].filter((t) => !(t.includes('水平') && endsWithAny(noun, LEVEL_ENDINGS)));
    return this.pick(options, seed).replace('{{topic}}', noun);
  }
}
