// Makes sure Debian's Chromium is present for the browser tests (the only browser used;
// Playwright never downloads one). Installs it with apt-get when missing and allowed.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = process.env.HLAB_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = (args) => execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
try {
  console.log(`${CHROMIUM} not found: installing Debian's chromium with apt-get`);
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'chromium']);
} catch (error) {
  console.error(`could not install chromium (${error.message}). Install it with "apt-get install -y chromium" or set HLAB_CHROMIUM.`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
