// Live deadlines: one clock per page ticks every second for every badge and banner that counts
// down, with no server round trip. The rules mirror the server's (Tasks/SlaState.cs), so a badge
// the page renders and the one the clock recomputes agree.

/** SlaRule.DueSoonWindow: a task due within 4 hours is always due soon. */
export const DUE_SOON_WINDOW_MS = 4 * 60 * 60 * 1000;
/** SlaRule.DueSoonShareOfSpan: a long task turns due soon in the last quarter of its time. */
export const DUE_SOON_SHARE = 0.25;

/** 'overdue', 'due-soon', 'on-time' (the badges' data-sla values), or 'none' without a due time. */
export function slaState(createdMs, dueMs, nowMs) {
  if (!Number.isFinite(dueMs)) return 'none';
  if (nowMs > dueMs) return 'overdue';
  const span = dueMs - createdMs;
  const window = span > 0 ? Math.max(DUE_SOON_WINDOW_MS, span * DUE_SOON_SHARE) : DUE_SOON_WINDOW_MS;
  return dueMs - nowMs <= window ? 'due-soon' : 'on-time';
}

/** Time left as h:mm:ss, or m:ss under an hour (whole seconds, rounded up; never negative). */
export function countdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Where a ringing call stands: the ring it is in (1 from the start), the time left to the
 * three-rings deadline, and whether it has passed.
 */
export function ringState(sinceMs, ringSeconds, dueMs, nowMs) {
  const ringMs = ringSeconds * 1000;
  const elapsed = Math.max(0, nowMs - sinceMs);
  const ring = ringMs > 0 ? Math.floor(elapsed / ringMs) + 1 : 1;
  const deadline = Number.isFinite(dueMs) ? dueMs : sinceMs + 3 * ringMs;
  return { ring, leftMs: deadline - nowMs, passed: nowMs >= deadline };
}

/**
 * Calls `tick(now)` at once and then every second, from the page's one clock: a timer shared by
 * every bundle on the page (the banner's and the inbox's), kept on the window. Returns a stop function.
 */
export function onTick(tick, host = globalThis) {
  if (!host.wsClock) {
    const subscribers = new Set();
    host.wsClock = { subscribers };
    setInterval(() => {
      const now = Date.now();
      subscribers.forEach(s => s(now));
    }, 1000);
  }
  host.wsClock.subscribers.add(tick);
  tick(Date.now());
  return () => host.wsClock.subscribers.delete(tick);
}
