using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// A robot an admin keeps in the database (<c>/admin/robots</c>). A robot of the same name in settings is
/// hidden by it: the page is where an admin changes things without a restart. The URL and secret are
/// credentials: stored encrypted where the host has data protection (<see cref="RobotSecrets"/>), shown masked,
/// and named by no log.
/// </summary>
public sealed class RobotRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>A <see cref="RobotKind"/>'s name.</summary>
    public required string Kind { get; set; }
    public required string Url { get; set; }
    public string? Secret { get; set; }

    /// <summary>Comma-separated <see cref="RobotEvents"/>.</summary>
    public string Events { get; set; } = "";

    /// <summary>Comma-separated group names; empty: notifications about every group.</summary>
    public string Groups { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public sealed class RobotRecordConfiguration : IEntityTypeConfiguration<RobotRecord>
{
    public void Configure(EntityTypeBuilder<RobotRecord> builder)
    {
        var e = builder;
        e.ToTable("robots");
        e.HasIndex(r => r.Name).IsUnique();
        e.Property(r => r.Name).HasMaxLength(100);
        e.Property(r => r.Kind).HasMaxLength(16);
        e.Property(r => r.Url).HasMaxLength(1000);
        e.Property(r => r.Secret).HasMaxLength(500);
        e.Property(r => r.Events).HasMaxLength(200);
        e.Property(r => r.Groups).HasMaxLength(1000);
        e.Property(r => r.UpdatedBy).HasMaxLength(256);
    }
}
