// The properties panel edits both languages of a name (issue 11): under the name in the General group,
// an entry per language for `name:en` / `name:zh-CN`; under a form field's label, `label:en` / `label:zh-CN`;
// after an enum field's values, `value:<id>:en` / `value:<id>:zh-CN` for each value.
// The entries are added to the groups the bpmn-js and Camunda providers built, so they sit beside the
// text they translate. Their texts are English; zh-cn.js has them in Chinese.
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import {
  ENTRY_LABELS as LABELS, LANGUAGES, elementHolder, formFieldHolder, readTranslation, translationCommands, translationKey,
} from './translations.js';

// Below the Camunda provider's 500: its groups are complete when ours is asked.
const PRIORITY = 400;

// `propertyKey`, not `key`: preact keeps `key` for itself and never passes it to a component.
function TranslationEntry({ element, id, holder, owner, propertyKey, label, replacements }) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return TextFieldEntry({
    element: owner,
    id,
    label: translate(label, replacements),
    debounce,
    getValue: () => readTranslation(holder, propertyKey),
    setValue: value => {
      const commands = translationCommands({
        element, holder, key: propertyKey, value, create: (type, attrs) => bpmnFactory.create(type, attrs),
      });
      if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
    },
  });
}

/** One entry per language for `text` of `holder`, ids `${idPrefix}-en`, `${idPrefix}-zh-CN`. */
function entriesFor(idPrefix, holder, owner, text, labels, replacements) {
  return LANGUAGES.map(language => ({
    id: `${idPrefix}-${language}`,
    component: TranslationEntry,
    isEdited: isTextFieldEntryEdited,
    holder,
    owner,
    propertyKey: translationKey(text, language),
    label: labels[language],
    replacements,
  }));
}

/** Inserts `added` after the entry with id `afterId`; nothing when there is no such entry. */
function insertAfter(entries, afterId, added) {
  const index = entries.findIndex(entry => entry.id === afterId);
  if (index >= 0) entries.splice(index + 1, 0, ...added);
}

function addNameEntries(groups, element) {
  const general = groups.find(group => group.id === 'general');
  // A text annotation's and a group's "name" are other texts; the engine translates `name` attributes only.
  if (!general || is(element, 'bpmn:TextAnnotation') || is(element, 'bpmn:Group')) return;
  const businessObject = element.businessObject;
  insertAfter(general.entries, 'name', entriesFor('name', elementHolder(businessObject), element, 'name', LABELS.name));
  // A pool: its own name is the diagram's label; the process it holds has the name the lists show.
  const process = is(element, 'bpmn:Participant') ? businessObject.get('processRef') : null;
  if (process) {
    insertAfter(general.entries, 'processName',
      entriesFor('processName', elementHolder(process), process, 'name', LABELS.processName));
  }
}

function addLabelEntries(groups) {
  const formData = groups.find(group => group.id === 'CamundaPlatform__FormData');
  for (const item of formData?.items ?? []) {
    const labelEntry = item.entries.find(entry => entry.id.endsWith('-formFieldLabel'));
    if (!labelEntry?.formField) continue;
    const field = labelEntry.formField;
    const holder = formFieldHolder(field);
    insertAfter(item.entries, labelEntry.id, entriesFor(labelEntry.id, holder, field, 'label', LABELS.label));
    // An enum value's name, by the value's id (`value:onSite:en`), after the list of values.
    if (field.get('type') !== 'enum') continue;
    insertAfter(item.entries, `${item.id}-formFieldValues`, field.get('values')
      .filter(value => value.get('id'))
      .flatMap((value, index) => entriesFor(`${item.id}-value-${index}`, holder, field, `value:${value.get('id')}`,
        LABELS.value, { value: value.get('id') })));
  }
}

class TranslationsPropertiesProvider {
  constructor(propertiesPanel) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element) {
    return groups => {
      addNameEntries(groups, element);
      addLabelEntries(groups);
      return groups;
    };
  }
}
TranslationsPropertiesProvider.$inject = ['propertiesPanel'];

/** The bpmn-js module: give it to the modeler after the properties panel and the Camunda provider. */
export const TranslationsPropertiesProviderModule = {
  __init__: ['wsTranslationsPropertiesProvider'],
  wsTranslationsPropertiesProvider: ['type', TranslationsPropertiesProvider],
};
