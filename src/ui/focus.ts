// Moves the focus to what just opened. Panels load behind import(), so the element may appear
// a few frames later: wait for it (bounded), then focus it (made focusable by script if it is
// a region that is not focusable itself).
export async function focusWhenShown(selector: string, frames = 120): Promise<boolean> {
  for (let i = 0; i < frames; i++) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el !== null && el.offsetParent !== null) {
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus();
      return true;
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return false;
}
