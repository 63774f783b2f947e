import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaryFor, translateModuleFor, translatorFor } from '../src/designer/translate.js';

test('a zh-CN person gets Chinese palette entries and properties panel groups', () => {
  const translate = translatorFor(dictionaryFor('zh-CN'));

  assert.equal(translate('Create start event'), '创建开始事件');
  assert.equal(translate('General'), '常规');
  assert.equal(translate('User assignment'), '用户分配');
  assert.equal(translate('Candidate groups'), '候选组');
});

test('any Chinese culture name picks the Chinese dictionary, any other none', () => {
  assert.equal(dictionaryFor('zh'), dictionaryFor('zh-CN'));
  assert.equal(dictionaryFor('en-US'), null);
  assert.equal(dictionaryFor('en'), null);
  assert.equal(dictionaryFor(undefined), null);
  assert.equal(dictionaryFor('zhx'), null);
});

test('a text the dictionary lacks stays English, with its replacements filled in', () => {
  const translate = translatorFor(dictionaryFor('zh-CN'));

  assert.equal(translate('Not a bpmn-js text {x}', { x: 'y' }), 'Not a bpmn-js text y');
  assert.equal(translate('missing {name}'), 'missing {name}');
});

test('without a dictionary texts are English as diagram-js writes them', () => {
  const translate = translatorFor(null);

  assert.equal(translate('Create start event'), 'Create start event');
  assert.equal(translate('{eventType}: {type}', { eventType: 'Start', type: 'Java class' }), 'Start: Java class');
});

test('the translate module replaces bpmn-js translate only for Chinese', () => {
  assert.equal(translateModuleFor('en-US'), null);
  const module = translateModuleFor('zh-CN');
  assert.equal(module.translate[0], 'value');
  assert.equal(module.translate[1]('Create end event'), '创建结束事件');
});

test('our Chinese has a text for every English key, none left empty or English', async () => {
  const { default: ours } = await import('../src/designer/zh-cn.js');
  for (const [english, chinese] of Object.entries(ours)) {
    assert.ok(chinese.trim().length > 0, english);
    if (english !== 'ID') assert.notEqual(chinese, english, english);
  }
});

test('the entries for names and labels in two languages have their Chinese texts', async () => {
  const { ENTRY_LABELS } = await import('../src/designer/translations.js');
  const translate = translatorFor(dictionaryFor('zh-CN'));
  const texts = Object.values(ENTRY_LABELS).flatMap(Object.values);

  assert.equal(texts.length, 8);
  for (const text of texts) assert.match(translate(text, { value: 'onSite' }), /^[\u4e00-\u9fff]+$|^值 onSite 的/, text);
  assert.equal(translate('English name'), '英文名称');
  assert.equal(translate('Chinese label'), '中文标签');
  assert.equal(translate('English name of value {value}', { value: 'onSite' }), '值 onSite 的英文名称');
  assert.equal(translatorFor(null)('Chinese name of value {value}', { value: 'onSite' }), 'Chinese name of value onSite');
});
