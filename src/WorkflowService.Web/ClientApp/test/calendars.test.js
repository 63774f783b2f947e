import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarClient, latestOnly } from '../src/designer/calendars.js';

/** A fetch that answers from `answers` (url → [status, body]) and records what it was asked. */
function fakeFetch(answers) {
  const asked = [];
  const fetch = async (url, options = {}) => {
    asked.push({ url, ...options });
    const [status, body] = typeof answers === 'function' ? answers(url, options) : answers[url];
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => { if (typeof body !== 'object') throw new SyntaxError('not JSON'); return body; },
    };
  };
  return { fetch, asked };
}

const client = fetch => calendarClient({ path: '/designer/complaint', fetch, token: () => 'token-1' });

test('the calendar names come from the page once, sorted', async () => {
  const { fetch, asked } = fakeFetch({
    '/designer/complaint?handler=Calendars': [200, [{ name: 'workshop', timeZone: 'Asia/Shanghai' }, { name: 'default' }]],
  });
  const calendars = client(fetch);

  assert.deepEqual(await calendars.names(), ['default', 'workshop']);
  assert.deepEqual(await calendars.names(), ['default', 'workshop']);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].headers.Accept, 'application/json');
});

test('names that could not be loaded are asked for again next time', async () => {
  let status = 500;
  const { fetch, asked } = fakeFetch(() => [status, status === 200 ? [{ name: 'default' }] : 'error page']);
  const calendars = client(fetch);

  await assert.rejects(calendars.names(), /HTTP 500/);
  status = 200;
  assert.deepEqual(await calendars.names(), ['default']);
  assert.equal(asked.length, 2);
});

test('a due time is asked for with the calendar, the start and the duration, and the antiforgery token', async () => {
  const { fetch, asked } = fakeFetch({ '/designer/complaint?handler=Due': [200, { due: '2026-02-14T11:00:00+08:00' }] });

  const answer = await client(fetch).due('default', new Date('2026-02-13T08:00:00Z'), 'PT4H');

  assert.deepEqual(answer, { due: '2026-02-14T11:00:00+08:00' });
  assert.equal(asked[0].method, 'POST');
  assert.equal(asked[0].headers.RequestVerificationToken, 'token-1');
  assert.equal(asked[0].headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(asked[0].body), { calendar: 'default', from: '2026-02-13T08:00:00.000Z', duration: 'PT4H' });
});

test("a refused duration or calendar gives the server's words; any other failure throws", async () => {
  const answers = {
    P1Y: [400, { title: 'Invalid request', detail: 'duration: years cannot be counted in working time' }],
    P1D: [404, { title: 'Not found' }],
    PT1H: [500, 'oops'],
  };
  const { fetch } = fakeFetch((url, options) => answers[JSON.parse(options.body).duration]);
  const calendars = client(fetch);

  assert.deepEqual(await calendars.due('default', new Date(), 'P1Y'), { refused: 'duration: years cannot be counted in working time' });
  assert.deepEqual(await calendars.due('gone', new Date(), 'P1D'), { refused: 'Not found' });
  await assert.rejects(calendars.due('default', new Date(), 'PT1H'), /HTTP 500/);
});

/** Timers that run only when told to, in the order they were set. */
function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    setTimeout: (fn) => { pending.set(next, fn); return next++; },
    clearTimeout: id => pending.delete(id),
    async fire() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, fn] of due) await fn();
    },
    get count() { return pending.size; },
  };
}

test('the preview asks only after the typing stops, and shows only the answer to the last question', async () => {
  const timers = manualTimers();
  const results = [];
  let release;
  const slow = new Promise(resolve => { release = resolve; });
  const runner = latestOnly(400, result => results.push(result), timers);

  runner.schedule(async () => 'P1');
  runner.schedule(async () => 'P1D');
  assert.equal(timers.count, 1, 'the first question was dropped before it was asked');
  const firing = timers.fire();
  runner.schedule(async () => { await slow; return 'P1DT2H'; });
  await firing;
  assert.deepEqual(results, [], 'P1D was overtaken by a newer question while it was out');

  const last = timers.fire();
  release();
  await last;
  assert.deepEqual(results, [{ value: 'P1DT2H' }]);

  runner.schedule(async () => { throw new Error('offline'); });
  await timers.fire();
  assert.equal(results[1].error.message, 'offline');
  runner.schedule(async () => 'late');
  runner.cancel();
  await timers.fire();
  assert.equal(results.length, 2, 'cancelled (the panel moved on)');
});
