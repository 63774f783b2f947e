using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WorkflowService.AfterSales.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAfterSalesDbContext>
{
    public SqliteAfterSalesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAfterSalesDbContext>()
            .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable(AfterSalesDbContext.MigrationsHistoryTable)).Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAfterSalesDbContext>
{
    public PostgreSqlAfterSalesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAfterSalesDbContext>()
            .UseNpgsql("Host=localhost;Database=workflow_design;Username=postgres",
                s => s.MigrationsHistoryTable(AfterSalesDbContext.MigrationsHistoryTable)).Options);
}
