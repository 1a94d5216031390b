// Vitest setup: every catalogue registered up front, as the page does for its own locale
// with loadLocale(), so tests can ask translator('zh-CN') synchronously.
import { registerCatalogue } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

registerCatalogue('zh-CN', zhCN);
import { addMessages } from '../i18n';
import { raftZhCN } from '../ui/raft/messages/zh-CN';

// The raft tab's Chinese, as the tab adds it when the page's locale asks for it.
addMessages('zh-CN', raftZhCN);
