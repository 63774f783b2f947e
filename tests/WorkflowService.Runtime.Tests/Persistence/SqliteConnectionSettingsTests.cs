using System.Globalization;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Tests.Support;

namespace WorkflowService.Runtime.Tests.Persistence;

/// <summary>
/// The runtime's SQLite connections run with NORMAL sync, a 10 s busy timeout and foreign keys on,
/// on every open, including the opens that reuse a pooled native connection (where the settings
/// are not sent again).
/// </summary>
public sealed class SqliteConnectionSettingsTests(RealClockRuntime shared) : IClassFixture<RealClockRuntime>
{
    private static async Task<long> PragmaAsync(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Every_open_connection_has_the_settings_whether_its_native_connection_is_new_or_reused()
    {
        for (var open = 0; open < 5; open++)
        {
            var settings = await shared.Host.ReadAsync(async db =>
            {
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                return (Sync: await PragmaAsync(connection, "synchronous"), Busy: await PragmaAsync(connection, "busy_timeout"),
                    ForeignKeys: await PragmaAsync(connection, "foreign_keys"));
            });

            Assert.Equal((1L, 10_000L, 1L), settings);
        }
    }
}
