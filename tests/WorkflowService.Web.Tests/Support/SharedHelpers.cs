// Test helpers that moved to WorkflowService.Testing (shared with the runtime tests), by their old names.
global using TestBpmn = WorkflowService.Testing.TestBpmn;
