using WorkflowService.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkflowWeb();

var app = builder.Build();
app.UseWorkflowWeb();
app.Run();
