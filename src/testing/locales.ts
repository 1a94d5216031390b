// Vitest setup: every catalogue registered up front, as the page does for its own locale
// with loadLocale(), so tests can ask translator('zh-CN') synchronously.
import { addMessages, registerCatalogue } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import { gpupoolEn } from '../ui/gpupool/messages/en';
import { gpupoolZhCN } from '../ui/gpupool/messages/zh-CN';
import { raftZhCN } from '../ui/raft/messages/zh-CN';
import { logindexZhCN } from '../ui/logindex/messages/zh-CN';

registerCatalogue('zh-CN', zhCN);
// Each tab's messages, as the tab adds them when it loads (English always, Chinese when asked).
addMessages('en', gpupoolEn);
addMessages('zh-CN', gpupoolZhCN);
addMessages('zh-CN', raftZhCN);
addMessages('zh-CN', logindexZhCN);
