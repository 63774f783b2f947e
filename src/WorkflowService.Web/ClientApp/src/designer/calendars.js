// The business calendars as the designer asks for them: their names (for the calendar choice) and a due time
// counted in one (for the preview). The API (/api/calendars) takes bearer tokens only, never the page's
// cookie (AuthSetup), so the designer page answers the same two questions as page handlers of its own,
// in the API's shapes: `?handler=Calendars` → [{ name, ... }], `?handler=Due` {calendar, from, duration}
// → { due } or problem details (400 a bad duration, 404 an unknown calendar).

/**
 * A client over `fetch` (window.ws.fetch: a signed-out page goes to sign in) for the page at `path`;
 * `token()` is the antiforgery token the page's POST handlers want.
 */
export function calendarClient({ path, fetch, token }) {
  let names = null;
  return {
    /** The calendars' names, sorted; asked once per page (a failure is asked again next time). */
    names() {
      names ??= (async () => {
        const response = await fetch(`${path}?handler=Calendars`, {
          credentials: 'same-origin', headers: { Accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const list = await response.json();
        return list.map(calendar => calendar.name).filter(Boolean).sort();
      })();
      names.catch(() => { names = null; });
      return names;
    },

    /**
     * `{ due }` for `duration` counted from `from` (a Date) in calendar `calendar`, or `{ refused }` with
     * the server's words when it will not count it; throws when there is no answer at all.
     */
    async due(calendar, from, duration) {
      const response = await fetch(`${path}?handler=Due`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token() },
        body: JSON.stringify({ calendar, from: from.toISOString(), duration }),
      });
      let body = null;
      try { body = await response.json(); } catch { /* not JSON: the status says enough */ }
      if (response.ok && typeof body?.due === 'string') return { due: body.due };
      if (response.status === 400 || response.status === 404) {
        return { refused: body?.detail ?? body?.title ?? `HTTP ${response.status}` };
      }
      throw new Error(`HTTP ${response.status}`);
    },
  };
}

/** The client of the designer page the modeler runs on (/designer/{key}). */
export function pageCalendarClient() {
  return calendarClient({
    path: window.location.pathname,
    fetch: (url, options) => window.ws.fetch(url, options),
    token: () => window.ws.antiforgery(),
  });
}

/**
 * Runs `task` `delay` ms after the last call, and hands `onResult` only the answer of the last call:
 * an answer overtaken by a newer call is dropped. `cancel()` drops whatever is pending.
 */
export function latestOnly(delay, onResult, timers = globalThis) {
  let timer = null;
  let generation = 0;
  const cancel = () => {
    generation++;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const schedule = task => {
    cancel();
    const mine = generation;
    timer = timers.setTimeout(async () => {
      timer = null;
      let result;
      try {
        result = { value: await task() };
      } catch (error) {
        result = { error };
      }
      if (mine === generation) onResult(result);
    }, delay);
  };
  return { schedule, cancel };
}
