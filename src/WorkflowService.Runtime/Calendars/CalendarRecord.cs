using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkflowService.Runtime.Calendars;

/// <summary>A named business calendar as stored: its definition as JSON (<see cref="CalendarText"/>) and who changed it last.</summary>
public sealed class CalendarRecord
{
    public required string Name { get; set; }

    /// <summary>The definition in the calendars' JSON form (the same as <c>workflows/calendars/*.json</c>).</summary>
    public required string Definition { get; set; }

    /// <summary>1 when created, one more at every save: the concurrency token a stale editor is refused on (409).</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The user name of who saved it; <c>system</c> for the seeded calendar.</summary>
    public required string UpdatedBy { get; set; }
}

internal sealed class CalendarRecordConfiguration : IEntityTypeConfiguration<CalendarRecord>
{
    public void Configure(EntityTypeBuilder<CalendarRecord> e)
    {
        e.ToTable("calendars");
        e.HasKey(c => c.Name);
        e.Property(c => c.Name).HasMaxLength(CalendarNames.MaxLength);
        e.Property(c => c.UpdatedBy).HasMaxLength(256);
        e.Property(c => c.Version).IsConcurrencyToken();
    }
}
