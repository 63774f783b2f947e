// Read-only diagrams (instance view): bpmn-js navigated viewer.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

function createViewer(container) {
  return new NavigatedViewer({ container, moddleExtensions: { camunda: camundaModdle } });
}

window.WorkflowViewer = { createViewer };
