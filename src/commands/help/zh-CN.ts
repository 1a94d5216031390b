// The terminal's `help` in Simplified Chinese: the heading lines and one summary per command.
// Loaded with the zh-CN catalogue's page only (behind import()); syntax and examples stay as
// typed, since they are the terminal's own words.
import type { HelpTexts } from '../registry';

export const helpZhCN: HelpTexts = {
  heading: '命令（输入 help <命令> 查看详情）：',
  noCommand: 'help：没有名为 "{topic}" 的命令；输入 help 查看命令列表',
  summaries: {
    help: '列出所有命令，或解释其中一条',
    load: '选择工作负载：内置的类 openb 负载、本地 CSV 文件或网上的 CSV',
    policy: '从当前步起切换调度策略',
    seed: '设置随机数生成器的种子并重新开始运行',
    rng: '选择随机数生成器并重新开始运行',
    'time-aware': 'Pod 按 trace 的创建时间到达、按删除时间离开（重新开始运行）',
    run: '按当前速度连续提交 Pod',
    pause: '停止提交 Pod',
    step: '提交下一个 Pod，或接下来的 <count> 个 Pod',
    speed: '设置 `run` 提交 Pod 的速度',
    seek: '跳到任意一步，向前或向后',
    reset: '以当前设置从第 0 步重新开始运行',
    ack: '从现在起调整 ACK 智能调度器（策略 ACK）',
    fail: '立即让一个节点或一块 GPU 故障：其上的 Pod 被驱逐，重新调度或丢失',
    node: '查看一个节点：它的 GPU、Pod 和碎片',
    query: '打印当前状态的一个指标',
    share: '生成一个可重放本次运行的链接',
    clear: '清空终端',
    history: '列出到目前为止输入过的命令',
    stats: '显示内存和检查点占用，以及 3D 视图：后端、绘制调用、三角形、实例、帧时间',
    view: '选择 3D 视图的渲染器、显示或隐藏 3D 视图，或把相机复位',
    why: '为什么是这个节点：下一个 Pod 在每种策略下每个可行节点的得分',
    ab: '在同一负载和种子上并排运行两种策略，共用一个时钟',
    sweep: '在浏览器中运行论文的扫描：负载 × 策略 × 种子，Fig. 9a 和 Fig. 7',
    lab: '引导实验：打开实验、检查当前步骤、查看提示、继续、重做步骤、导出报告',
    presenter: '演示模式：大字号、翻页笔按键（PageDown/PageUp、.、空格、方向键），R 重做步骤，T 隐藏终端',
    raft: 'ParallelRaft 标签页：模式、预设、故障、并排对比、实时检查器',
    debug: '故意让内核陷入异常，或打印状态哈希',
  },
};
