// Names in two languages (the engine's Translations.cs, the README's "Names in two languages"): the BPMN
// `name` (a form field's `label`) is the text as written; the same text in another language is a
// camunda:property beside it, `name:en` on an element, `label:en` in a form field's camunda:properties.
// This module reads those properties and builds the modeling commands that set or remove one. It only
// builds commands: the properties panel runs them as one command, so undo and redo take a change back whole.

/** The languages the designer edits, in the order of its entries. */
export const LANGUAGES = Object.freeze(['en', 'zh-CN']);

/**
 * The texts of the panel's entries, by what they translate and the language; English, as `translate`
 * takes them (zh-cn.js has them in Chinese). `processName` is a pool's process, beside "Process name";
 * `value` an enum value's name, `{value}` its id.
 */
export const ENTRY_LABELS = Object.freeze({
  name: { en: 'English name', 'zh-CN': 'Chinese name' },
  processName: { en: 'Process English name', 'zh-CN': 'Process Chinese name' },
  label: { en: 'English label', 'zh-CN': 'Chinese label' },
  value: { en: 'English name of value {value}', 'zh-CN': 'Chinese name of value {value}' },
});

/** The property that holds `text` ("name", "label") in `language`, e.g. `name:en`. */
export const translationKey = (text, language) => `${text}:${language}`;

/**
 * Where the translations of one thing are kept. An element (a process, a flow node, a flow) keeps them in
 * the camunda:Properties of its extensionElements, each named by `name`; a form field in its own
 * camunda:properties, named by `id` (Camunda's way; the engine reads `name` there too, and so do we).
 */
export function elementHolder(businessObject) {
  return {
    target: businessObject,
    keyOf: property => property.get('name'),
    containers: () => (businessObject.get('extensionElements')?.get('values') ?? [])
      .filter(value => value.$instanceOf('camunda:Properties')),
  };
}

export function formFieldHolder(formField) {
  return {
    target: formField,
    forField: true,
    keyOf: property => property.get('id') ?? property.get('name'),
    containers: () => (formField.get('properties') ? [formField.get('properties')] : []),
  };
}

/** Every property of `holder` named `key`, each with the camunda:Properties it is in. */
function findAll(holder, key) {
  return holder.containers().flatMap(container => container.get('values')
    .filter(property => holder.keyOf(property) === key)
    .map(property => ({ container, property })));
}

/** The text under `key`, '' if there is none. The last one wins where a file has it twice, as in the engine. */
export function readTranslation(holder, key) {
  const found = findAll(holder, key);
  return found.length ? (found[found.length - 1].property.get('value') ?? '') : '';
}

const update = (element, moddleElement, properties) =>
  ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

/** `create(type, attrs)` as bpmnFactory.create, with the new object's parent set (as the panel's own helpers do). */
function createIn(create, type, attrs, parent) {
  const created = create(type, attrs);
  created.$parent = parent;
  return created;
}

/**
 * The commands that make `key` of `holder` read `value` on the diagram `element` (the shape whose panel
 * is shown; for a participant the holder may be its process). An empty (or blank) value removes the
 * property, and the camunda:Properties it leaves empty; every other property is kept as it is.
 * `create(type, attrs)` makes moddle objects (bpmnFactory.create). No commands when nothing changes.
 */
export function translationCommands({ element, holder, key, value, create }) {
  const text = value ?? '';
  const found = findAll(holder, key);
  if (text.trim() === '') return removeCommands(element, holder, found);
  if (found.length) {
    const { property } = found[found.length - 1];
    return property.get('value') === text ? [] : [update(element, property, { value: text })];
  }
  return addCommands(element, holder, key, text, create);
}

function removeCommands(element, holder, found) {
  const commands = [];
  for (const container of new Set(found.map(f => f.container))) {
    const gone = found.filter(f => f.container === container).map(f => f.property);
    const kept = container.get('values').filter(property => !gone.includes(property));
    if (kept.length) {
      commands.push(update(element, container, { values: kept }));
    } else if (holder.forField) {
      commands.push(update(element, holder.target, { properties: undefined }));
    } else {
      const extensionElements = holder.target.get('extensionElements');
      commands.push(update(element, extensionElements,
        { values: extensionElements.get('values').filter(value => value !== container) }));
    }
  }
  return commands;
}

function addCommands(element, holder, key, text, create) {
  const commands = [];
  const { target } = holder;
  let container = holder.containers()[0];
  if (!container && holder.forField) {
    container = createIn(create, 'camunda:Properties', { values: [] }, target);
    commands.push(update(element, target, { properties: container }));
  } else if (!container) {
    let extensionElements = target.get('extensionElements');
    if (!extensionElements) {
      extensionElements = createIn(create, 'bpmn:ExtensionElements', { values: [] }, target);
      commands.push(update(element, target, { extensionElements }));
    }
    container = createIn(create, 'camunda:Properties', { values: [] }, extensionElements);
    commands.push(update(element, extensionElements, { values: [...extensionElements.get('values'), container] }));
  }
  const property = createIn(create, 'camunda:Property', { [holder.forField ? 'id' : 'name']: key, value: text }, container);
  commands.push(update(element, container, { values: [...container.get('values'), property] }));
  return commands;
}
