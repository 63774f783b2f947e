namespace WorkflowService.AfterSales.Persistence;

/// <summary>
/// The hotline's duty roster (值班表), one row per roster (today only <c>default</c>). The shifts are one JSON document: the
/// roster is read and replaced whole, by one page and one API, and a call reads it once when it rings.
/// </summary>
public sealed class DutyRosterRecord
{
    public required string Name { get; set; }

    /// <summary>The weekly pattern and the dated changes, as JSON (<see cref="Hotline.DutyRosterStore"/>).</summary>
    public required string Shifts { get; set; }

    public string? ForwardingMobile { get; set; }
    public int Revision { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
