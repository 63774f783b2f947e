// The designer in the signed-in person's language: a bpmn-js `translate` service over a dictionary
// of the libraries' English texts. Chinese is bpmn-js-i18n's community file (palette, context pad,
// replace menu) completed by our own (zh-cn.js: the properties panel and what the file lacks).
// English needs no dictionary: the libraries' own texts are English.
import communityZh from 'bpmn-js-i18n/translations/zn.js';
import ourZh from './zh-cn.js';

const zhCN = Object.freeze({ ...communityZh, ...ourZh });

/** The dictionary for a culture name ("zh-CN", "zh", "en-US"); null for English (nothing to translate). */
export function dictionaryFor(culture) {
  return /^zh\b/i.test(culture ?? '') ? zhCN : null;
}

/**
 * A translate function as bpmn-js calls it, `(template, replacements)`: the template's entry in the
 * dictionary (or the template itself), then `{name}` replaced as diagram-js's own stub does.
 */
export function translatorFor(dictionary) {
  return (template, replacements = {}) => (dictionary?.[template] ?? template)
    .replace(/{([^}]+)}/g, (_, key) => replacements[key] || `{${key}}`);
}

/** The bpmn-js module that replaces the default `translate` service; none for English. */
export function translateModuleFor(culture) {
  const dictionary = dictionaryFor(culture);
  return dictionary ? { translate: ['value', translatorFor(dictionary)] } : null;
}
