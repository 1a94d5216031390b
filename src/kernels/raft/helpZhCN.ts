// `help raft` in Simplified Chinese, before its examples (which stay as typed). Loaded only on
// a Chinese page, by the grammar's localHelp.
import { RAFT_BREAK_WORDS } from './grammar';

export const raftHelpZhCN: readonly string[] = [
  'mode raft|parallel|parallel-ce   net rdma|tcp   disk xpoint|nvme   seed <n>：每一项都开始新的运行',
  'read-share <百分比>：负载中读的比例   blocks <32..65536>：以 4 KB 块计的 LBA 范围；每一项都开始新的运行',
  `break <选项>[,<选项>...]|none：故意破坏内核选项后开始新的运行（${RAFT_BREAK_WORDS.slice(1).join('、')}），`,
  '  它们是被检查性质的“必须失败”对照；徽标会注明。dirty-read 只有 P9 能发现',
  'p9 off|on：停止检查逐块线性一致性（更快），或重新检查（运行会重建到当前位置）',
  'run、pause、step [5ms]、seek <时间>、speed <每秒的模拟时间>|max、reset',
  'side-by-side：raft 和 parallel 在同一种子和负载上并排运行，共用一个时钟；single 退出并排',
  'scenario ghost|figure8：脚本化的案例（parallel 中的幽灵日志条目，parallel-ce 中被封存）',
  'select <序号>：在所有视图中高亮同一条日志条目',
  '故障使用故障计划的语法，立即生效，并记录模拟时间：',
  '  crash <n> [wipe] · restart <n> · partition <a> [<b>] · oneway <a> <b> · heal [<a> <b>]',
  '  delay <a> <b>|<a>><b> <时长> · loss|dup|reorder <a> <b>|<a>><b> <p>% · limp <n> <k>x|off',
  '  elect <n> · write|read <块> [<块数>] · iodepth <d> · checkpoint [<n>]',
];
