// The GPU pool tab's views, loaded together when the tab first shows, once its messages in the
// page's language are in.
import { gpupoolMessagesReady } from './messages';

export { default as GpuPoolBar } from './GpuPoolBar.svelte';
export { default as GpuPoolMain } from './GpuPoolMain.svelte';
export { default as StatusBar } from './StatusBar.svelte';

export const ready = gpupoolMessagesReady;
