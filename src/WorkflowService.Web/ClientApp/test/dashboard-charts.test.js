import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breachesOption, bucketLabel, breachesUrl, casesUrl, distributionOption, distributionTotal, percent, ratio, readData, volumeOption, volumeTotal } from '../src/lib/dashboard-charts.js';

test('percent writes a rate with at most one decimal and a dash for a period with no case', () => {
  assert.equal(percent(2 / 3), '66.7%');
  assert.equal(percent(0.5), '50%');
  assert.equal(percent(1), '100%');
  assert.equal(percent(0), '0%');
  assert.equal(percent(null), '—');
  assert.equal(percent(undefined), '—');
});

test('ratio puts the on-time count over the cases', () => {
  assert.equal(ratio(2, 3), '2 / 3');
  assert.equal(ratio(0, 0), '0 / 0');
});

test('breachesUrl leads to the breaches list of the rule, escaped', () => {
  assert.equal(breachesUrl('three-rings'), '/breaches?rule=three-rings');
  assert.equal(breachesUrl('a b&c'), '/breaches?rule=a%20b%26c');
});

test('breachesUrl filters to the days shown when the page gives them', () => {
  assert.equal(breachesUrl('three-rings', { from: '2017-05-01', to: '2017-05-31' }), '/breaches?from=2017-05-01&to=2017-05-31&rule=three-rings');
  assert.equal(breachesUrl('three-rings', { from: '2017-05-01' }), '/breaches?rule=three-rings');
});

test('casesUrl leads to the list of a number, a value after its colon escaped', () => {
  assert.equal(casesUrl('repairs', { from: '2017-05-01', to: '2017-05-31' }), '/reports/cases?number=repairs&from=2017-05-01&to=2017-05-31');
  assert.equal(casesUrl('person:—', { from: '2017-05-01', to: '2017-05-31' }), '/reports/cases?number=person%3A%E2%80%94&from=2017-05-01&to=2017-05-31');
});

test('distributionOption draws a bar per key in order, each keeping the address of its list', () => {
  const bars = [
    { key: 'fees', label: '收费', count: 2, url: '/reports/cases?number=cause%3Afees' },
    { key: 'not-analysed', label: '', count: 1, url: '/reports/cases?number=cause%3Anot-analysed' },
  ];
  const option = distributionOption(bars, { count: '数量' });
  assert.deepEqual(option.xAxis.data, ['收费', 'not-analysed']);
  assert.deepEqual(option.series[0].data, [{ value: 2, url: bars[0].url }, { value: 1, url: bars[1].url }]);
  assert.equal(option.series[0].name, '数量');
  assert.equal(distributionTotal(bars), 3);
  assert.equal(distributionTotal(undefined), 0);
  assert.deepEqual(distributionOption(null).series[0].data, []);
});

test('readData answers null for a missing, broken or foreign block', () => {
  assert.equal(readData(undefined), null);
  assert.equal(readData('{not json'), null);
  assert.equal(readData('{"other":1}'), null);
  assert.deepEqual(readData('{"breaches":{},"volume":{}}'), { breaches: {}, volume: {} });
});

test('breachesOption keeps each bar\'s rule for its link and shows the translated label', () => {
  const option = breachesOption({ rules: ['three-rings', 'custom'], labels: ['三声接听', ''], counts: [2, 0] }, { breaches: '超时次数' });
  assert.deepEqual(option.yAxis.data, ['三声接听', 'custom']);
  assert.equal(option.yAxis.inverse, true);
  assert.deepEqual(option.series[0].data, [{ value: 2, rule: 'three-rings' }, { value: 0, rule: 'custom' }]);
  assert.equal(option.series[0].name, '超时次数');
});

test('volumeOption stacks one bar series per type over every day, labelled month-day', () => {
  const volume = { days: ['2020-01-01', '2020-01-02'], series: [{ type: 'repair', name: 'Repair', counts: [1, 0] }, { type: 'complaint', name: 'Complaint', counts: [0, 2] }] };
  const option = volumeOption(volume);
  assert.deepEqual(option.xAxis.data, ['01-01', '01-02']);
  assert.deepEqual(option.series.map(s => [s.name, s.stack, s.data]), [['Repair', 'requests', [1, 0]], ['Complaint', 'requests', [0, 2]]]);
  assert.deepEqual(option.legend.data, ['Repair', 'Complaint']);
  assert.equal(volumeTotal(volume), 3);
  assert.equal(volumeTotal({ days: [], series: [] }), 0);
});

test('bucketLabel shortens a day to month-day and keeps a month', () => {
  assert.equal(bucketLabel('2020-01-31'), '01-31');
  assert.equal(bucketLabel('2020-01'), '2020-01');
});
