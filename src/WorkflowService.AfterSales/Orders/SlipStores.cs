using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.AfterSales.Orders;

/// <summary>
/// Where a slip's bytes are kept, chosen by the storage provider (<see cref="For"/>). <see cref="PutAsync"/> runs inside
/// the transaction that adds the slip's row; should that transaction not commit, <see cref="ForgetAsync"/> removes
/// what <see cref="PutAsync"/> left outside it.
/// </summary>
public interface ISlipStore
{
    Task PutAsync(AfterSalesDbContext a, Guid slipId, byte[] content, CancellationToken ct);

    /// <summary>The bytes of a slip whose row exists; null when they are missing (a file deleted by hand).</summary>
    Task<byte[]?> GetAsync(AfterSalesDbContext a, Guid slipId, CancellationToken ct);

    Task ForgetAsync(Guid slipId);

    public static ISlipStore For(IOptions<StorageOptions> storage) =>
        storage.Value.Provider == StorageProvider.PostgreSql
            ? new DatabaseSlipStore()
            : new FileSlipStore(Path.Combine(storage.Value.DataPath, "slips"));
}

/// <summary>SQLite: one file per slip under the data folder (<c>data/slips/{id}</c>), beside the database file they are backed up with.</summary>
public sealed class FileSlipStore(string folder) : ISlipStore
{
    public string Folder { get; } = folder;

    public async Task PutAsync(AfterSalesDbContext a, Guid slipId, byte[] content, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        // Written aside and moved into place: a reader never finds half a file under the slip's name.
        var partial = PathOf(slipId) + ".partial";
        await File.WriteAllBytesAsync(partial, content, ct);
        File.Move(partial, PathOf(slipId), overwrite: true);
    }

    public async Task<byte[]?> GetAsync(AfterSalesDbContext a, Guid slipId, CancellationToken ct) =>
        File.Exists(PathOf(slipId)) ? await File.ReadAllBytesAsync(PathOf(slipId), ct) : null;

    /// <summary>Also called when nothing was written (an unknown order, before the first slip made the folder).</summary>
    public Task ForgetAsync(Guid slipId)
    {
        if (File.Exists(PathOf(slipId))) File.Delete(PathOf(slipId));
        return Task.CompletedTask;
    }

    private string PathOf(Guid slipId) => Path.Combine(Folder, slipId.ToString("N"));
}

/// <summary>PostgreSQL: the bytes in <c>slip_contents</c> (bytea), committed with the slip's row; every node reads them.</summary>
public sealed class DatabaseSlipStore : ISlipStore
{
    public Task PutAsync(AfterSalesDbContext a, Guid slipId, byte[] content, CancellationToken ct)
    {
        Contents(a).Add(new SlipContentRecord { SlipId = slipId, Content = content });
        return Task.CompletedTask;
    }

    public async Task<byte[]?> GetAsync(AfterSalesDbContext a, Guid slipId, CancellationToken ct) =>
        await Contents(a).AsNoTracking().Where(c => c.SlipId == slipId).Select(c => c.Content).SingleOrDefaultAsync(ct);

    /// <summary>Nothing to do: the bytes were in the transaction that rolled back.</summary>
    public Task ForgetAsync(Guid slipId) => Task.CompletedTask;

    private static DbSet<SlipContentRecord> Contents(AfterSalesDbContext a) =>
        (a as PostgreSqlAfterSalesDbContext ?? throw new InvalidOperationException("Slips are kept in the database only with PostgreSQL")).SlipContents;
}
