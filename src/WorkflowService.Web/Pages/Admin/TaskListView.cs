using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Web.Pages.Admin;

/// <summary>What <c>_TaskList</c> shows: open tasks (a group's, or those a disabled person leaves), marked for tests by <paramref name="TestId"/>.</summary>
public sealed record TaskListView(IReadOnlyList<TaskView> Tasks, string TestId);
