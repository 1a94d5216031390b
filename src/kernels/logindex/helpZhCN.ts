// `help logindex` in Simplified Chinese, before its examples (which stay as typed). Loaded
// only on a Chinese page, by the grammar's localHelp.
import { BROKEN_NAMES } from './grammar';
import { MAX_RO } from './protocol';
import { SCENARIO_NAMES } from './scenarios';

export const logindexHelpZhCN: readonly string[] = [
  'mode lazy|full：LogIndex 加元数据传输，或传输并回放每一条日志记录；每一项都开始新的运行',
  `ro <1..${MAX_RO}>：只读副本数   write-scale <k>：写速率乘以 k，读不变   seed <n>`,
  'side-by-side：lazy 和 full 在同一种子上分两列运行，共用一个时钟；single 退出并排',
  `break <选项>[,<选项>...]|none：故意破坏内核选项后开始新的运行（${BROKEN_NAMES.join('、')}），`,
  '  它们是被检查性质 L1-L9 的“必须失败”对照；徽标会注明',
  `scenario ${SCENARIO_NAMES[0]}..${SCENARIO_NAMES[SCENARIO_NAMES.length - 1]}|none：着重考验某一性质的命名运行（自带副本数、写倍数、种子和故障）`,
  '以上各项以及 reset 都从 0 ms 开始新的运行。',
  'run [<时长>]（继续播放，或再运行一段时长）、pause、step [1ms]、seek <时间>、speed <每秒的模拟时间>|max',
  'status：判定、写入 / 一致 / 回放 LSN、延迟 P50/P99、传输字节数、回放的页数',
  'inspect <页号> [roN]：页面检查器（默认 ro1）：该页的 LSN 列表、布隆过滤器跳过的表、最近一次回放的读',
  '故障使用故障计划的语法，立即生效，并记录模拟时间：',
  '  crash rw|roN：写节点或副本停机   restart rw|roN：重新启动（副本惰性恢复；写节点从存储和 WAL 恢复）',
  '  promote roN：在 crash rw 之后把副本 N 提升为写节点',
  '  slow-storage <k>x：共享存储变慢 k 倍（1x 恢复）   starve roN <k>x：副本 N 的 CPU 变慢 k 倍（1x 恢复）',
  '  delay roN <时长>：写节点与副本 N 之间增加单向延迟   loss roN <p>%：丢弃两者之间一定比例的消息',
  '  partition roN：切断副本 N 与写节点的连接   heal [roN]：恢复副本 N 的连接（不带参数：全部连接）',
];
