/**
 * The phrase bank: our own wording for headings, section leads, openings and closings, keyed by what a
 * section is about and by tense (review looks back, plan looks ahead). No phrase holds a digit, so the
 * composer can never add a figure.
 */

export type Tense = 'review' | 'plan';

interface Topic {
  /** Words in a section's topic that put it under this heading. */
  keywords: string[];
  /** Heading openers that state the approach: 坚持……, 聚焦……. */
  approaches: string[];
  /** First sentences of a section, by tense. */
  leads: Record<Tense, string[]>;
}

export const TOPICS: Record<string, Topic> = {
  党建: {
    keywords: ['党建', '党风', '廉政', '党组织', '支部', '意识形态', '党员', '政治', '主题教育', '作风'],
    approaches: ['坚持党建引领', '把牢政治方向', '坚持全面从严治党', '以高质量党建为统领'],
    leads: {
      review: [
        '始终把党的政治建设摆在首位，推动党建工作与教育业务深度融合。',
        '坚持把抓好党建作为最大的政绩，基层党组织的战斗堡垒作用充分发挥。',
        '持续加强党的建设，全面从严治党主体责任层层压实。',
      ],
      plan: [
        '要坚持把党的政治建设摆在首位，以党建引领教育事业发展。',
        '要落实全面从严治党主体责任，推动党建与业务同部署、同落实。',
        '要持续加强基层党组织建设，发挥党员先锋模范作用。',
      ],
    },
  },
  德育: {
    keywords: ['德育', '立德树人', '思想政治', '思政', '心理', '劳动教育', '美育', '体育', '未成年人', '家校', '五育', '文明'],
    approaches: ['坚持立德树人根本任务', '坚持五育并举', '把德育放在首位', '聚焦学生全面发展'],
    leads: {
      review: [
        '坚持育人为本、德育为先，将立德树人融入教育教学各环节。',
        '着眼学生全面发展，德智体美劳协同育人格局逐步形成。',
        '深化课程育人和实践育人，学生综合素质持续提升。',
      ],
      plan: [
        '要把立德树人贯穿教育教学全过程，健全全员全程全方位育人机制。',
        '要坚持五育并举，促进学生德智体美劳全面发展。',
        '要深化实践育人，增强德育工作的针对性和实效性。',
      ],
    },
  },
  师资: {
    keywords: ['教师', '师资', '师德', '队伍', '培训', '校长', '人才', '人事', '编制', '职称'],
    approaches: ['坚持人才强教', '聚焦师德师风和专业成长', '以高素质专业化为目标', '坚持把教师队伍建设作为基础工作'],
    leads: {
      review: [
        '把教师队伍建设作为基础性工作来抓，师德师风和业务能力同步提升。',
        '多渠道补充和培养教师，队伍结构不断优化。',
        '坚持严管与厚爱相结合，广大教师干事创业的积极性进一步激发。',
      ],
      plan: [
        '要把师德师风作为第一标准，打造高素质专业化教师队伍。',
        '要健全教师培养培训体系，提升教师专业能力。',
        '要完善激励保障机制，让教师安心从教、热心从教。',
      ],
    },
  },
  安全: {
    keywords: ['安全', '消防', '食品', '交通', '溺水', '安保', '隐患', '应急', '演练', '欺凌', '稳定', '防汛', '卫生', '疫情'],
    approaches: ['坚持安全第一、预防为主', '压紧压实安全责任', '坚持底线思维', '聚焦校园安全稳定'],
    leads: {
      review: [
        '始终把师生生命安全放在首位，织密校园安全防护网。',
        '坚持预防为主、防治结合，校园安全防范能力持续增强。',
        '层层压实安全责任，各类风险隐患得到有效管控。',
      ],
      plan: [
        '要牢固树立安全发展理念，守牢校园安全底线。',
        '要坚持预防为主、综合治理，把安全责任落实到每个岗位。',
        '要健全隐患排查整治长效机制，切实保障师生安全。',
      ],
    },
  },
  基础设施: {
    keywords: ['基础设施', '校舍', '基建', '项目', '办学条件', '运动场', '改造', '建设工程', '装备', '食堂', '宿舍', '学位'],
    approaches: ['坚持项目带动', '聚焦办学条件改善', '以补短板为重点', '坚持建管并重'],
    leads: {
      review: [
        '加大投入力度，办学条件得到明显改善。',
        '统筹推进项目建设，学校硬件水平持续提升。',
        '坚持建设与管理并重，校舍和设施设备保障能力进一步增强。',
      ],
      plan: [
        '要统筹资金和项目，持续改善学校办学条件。',
        '要加快项目建设进度，确保工程质量和安全。',
        '要坚持建管并重，提高设施设备使用效益。',
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

const GENERAL: Topic = {
  keywords: [],
  approaches: ['坚持统筹推进', '坚持目标导向', '以抓落实为重点', '坚持守正创新', '聚焦重点难点', '坚持系统谋划'],
  leads: {
    review: [
      '围绕年度目标任务，精心组织、扎实推进，取得了较好成效。',
      '坚持问题导向，狠抓工作落实，各项任务有序完成。',
      '加强统筹协调，细化工作措施，工作质效不断提升。',
      '立足实际、主动作为，相关工作取得新的进展。',
    ],
    plan: [
      '要明确目标任务，细化工作措施，确保各项工作落到实处。',
      '要坚持问题导向，聚焦重点难点，推动工作取得实效。',
      '要加强统筹协调，形成工作合力。',
      '要立足实际、创新方法，推动工作提质增效。',
    ],
  },
};

/** Second halves of headings: the result (review) or the aim (plan). `{{topic}}` is the section's topic. */
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
  ],
};

/** The whole-report verdict that ends a summary's opening, before the formula. Kept modest: no claims of figures. */
export const OPENING_VERDICTS: Record<string, string[]> = {
  review: ['扎实推进各项工作，教育事业发展取得了新的进展。', '凝心聚力、真抓实干，各项工作有序推进。'],
  safety: ['坚持把安全工作摆在突出位置，扎实做好校园安全各项工作。'],
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
  ],
  plan: ['各单位要结合实际，细化任务分工，认真抓好落实。', '各项工作要明确责任、强化督查，确保落地见效。'],
};

/** The topic entry whose keyword first appears in the text, or the general one. */
export function topicOf(text: string): Topic {
  let best: Topic = GENERAL;
  let bestAt = Infinity;
  for (const topic of Object.values(TOPICS)) {
    for (const word of topic.keywords) {
      const at = text.indexOf(word);
      if (at !== -1 && at < bestAt) {
        best = topic;
        bestAt = at;
      }
    }
  }
  return best;
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
   * A section's first sentence: the topic's own leads first; once those are used, a general lead
   * tied to the topic by name, so no two sections of a draft open with the same sentence.
   */
  lead(topic: string, tense: Tense): string {
    const own = this.pickUnused(topicOf(topic).leads[tense], topic);
    if (own) return own;
    return `在${topic}方面，${this.pick(GENERAL.leads[tense], topic)}`;
  }

  /** A heading that states the approach and the result: 坚持人才强教，教师队伍建设取得新成效. */
  heading(topic: string, tense: Tense): string {
    const approach = this.pick(topicOf(topic).approaches, topic);
    const result = this.pick(HEADING_RESULTS[tense], `${topic}#result`).replace('{{topic}}', topic);
    return `${approach}，${result}`;
  }
}
