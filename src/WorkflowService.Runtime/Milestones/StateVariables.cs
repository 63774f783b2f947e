using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Milestones;

/// <summary>An instance and one variable's JSON text (null: it has no such variable).</summary>
public sealed record VariableValue(Guid Id, string? Value);

/// <summary>
/// One variable of every instance, taken out of the saved state in the database (SQLite's <c>-&gt;</c>, PostgreSQL's
/// <c>json -&gt;</c>, both giving the value's own JSON text), to be narrowed by id: many instances' answers without
/// reading and parsing whole states.
/// </summary>
public static class StateVariables
{
    public static IQueryable<VariableValue> Of(WorkflowDbContext db, string variable) =>
        // The variable's name is a parameter; SQLite's path quotes it as a JSON key (a name may hold '.' or '['). PostgreSQL:
        // json (not jsonb, which would rewrite numbers) and one path lookup, each state parsed as few times as it can be.
        db.Database.IsSqlite()
            ? db.Database.SqlQueryRaw<VariableValue>("""SELECT "Id", "StateJson" -> {0} AS "Value" FROM "instances" """,
                "$.variables." + JsonSerializer.Serialize(variable))
            : db.Database.SqlQueryRaw<VariableValue>("""SELECT "Id", json_extract_path("StateJson"::json, 'variables', {0})::text AS "Value" FROM "instances" """,
                variable);
}
