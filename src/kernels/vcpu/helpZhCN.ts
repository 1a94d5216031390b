// `help vcpu` in Simplified Chinese, before its examples (which stay as typed). Loaded only on
// a Chinese page, by the grammar's localHelp.
import { VCPU_BROKEN_NAMES, VCPU_MITIGATION_NAMES } from './grammar';
import { PROFILES, SCHEDS } from './protocol';
import { SCENARIO_NAMES } from './scenarios';

export const vcpuHelpZhCN: readonly string[] = [
  `profile ${PROFILES.join('|')}：虚拟化工作在哪里运行（KVM 在宿主机核上、X-Dragon 卸载卡、BM-Hive 计算板）`,
  `sched ${SCHEDS.join('|')}：vCPU 调度器（Xen credit1、Linux CFS、EEVDF、每个 vCPU 独占一个超线程）；裸金属没有调度器`,
  `side-by-side [${PROFILES.join('|')}]：在同样的虚拟机和种子上并排运行第二种配置，共用一个时钟（默认：下一种）；single 退出并排`,
  `preset default|dragonfly|${SCENARIO_NAMES[0]}..${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]}：默认宿主机、Dragonfly 设置（卸载、绑核；`,
  '  其 P99 10 微秒和约 3% 开销的目标是本项目的设计目标，不是阿里巴巴公布的测量值），或某个场景的宿主机、虚拟机、种子和故障',
  `mitigate none|<名称>[,<名称>...]：锁持有者抢占的缓解措施（${VCPU_MITIGATION_NAMES.join('、')}）`,
  `break none|<选项>[,<选项>...]：故意破坏内核选项（${VCPU_BROKEN_NAMES.join('、')}），`,
  '  它们是被检查性质 S1-S8 的“必须失败”对照；徽标会注明',
  'seed <n>。以上各项以及 reset 都从 0 ms 开始新的运行。',
  'run [<时长>]（继续播放，或再运行一段时长）、pause、step [1ms]、seek <时间>、speed <每秒的模拟时间>|max',
  'status：判定、P99 唤醒延迟、steal、开销、迁移次数   hash：内核状态哈希',
  '故障使用故障计划的语法，立即生效，并记录模拟时间：',
  '  arrive <虚拟机>：一台休眠的虚拟机（例如吵闹的邻居）上线',
  '  storm pN <时长>：宿主机 pCPU N 上持续一段时间的中断风暴',
  '  offline pN：宿主机 pCPU N 下线（其 vCPU 迁走；绑定的 vCPU 等待）   online pN：恢复上线',
  '  upgrade：热升级：暂停所有 vCPU、转移状态、恢复（测量停顿时间）',
];
