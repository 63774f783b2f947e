// The BPMN designer: bpmn-js modeler with the properties panel and the Camunda 7 extensions.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { translateModuleFor } from './designer/translate.js';
import { TranslationsPropertiesProviderModule } from './designer/translations-provider.js';
import { SlaPropertiesProviderModule } from './designer/sla-provider.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

/**
 * Creates a modeler in `canvas` with its properties panel in `panel`. `options.layout` is the
 * panel's initial layout, e.g. `{ groups: { general: { open: true } } }` (which groups start open);
 * `options.culture` the person's language ("zh-CN" translates palette, menus and panel; else English).
 */
function createModeler(canvas, panel, options = {}) {
  const translate = translateModuleFor(options.culture);
  return new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel, layout: options.layout },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      // Names and form labels in English and Chinese (name:en, label:zh-CN, ...) under the text they translate.
      TranslationsPropertiesProviderModule,
      SlaPropertiesProviderModule, // calendar, SLA preview, warnAt and slaPause (issue 12)
      ...(translate ? [translate] : []),
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
}

window.WorkflowDesigner = { createModeler };
