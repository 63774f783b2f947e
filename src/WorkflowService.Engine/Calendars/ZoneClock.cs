namespace WorkflowService.Engine.Calendars;

/// <summary>
/// Local wall-clock time of one zone as ticks, and back to UTC ticks under the calendar's rules: a
/// local time in a spring-forward gap moves forward by the gap, an ambiguous one (the repeated hour
/// of a fall-back) takes the earlier instant. Works on ticks so the day walk allocates nothing.
/// </summary>
internal sealed class ZoneClock(TimeZoneInfo zone)
{
    public const long TicksPerDay = TimeSpan.TicksPerDay;

    public long ToLocalTicks(long utcTicks) =>
        utcTicks + zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    /// <summary>The instant of a local time (ticks since 0001-01-01 local), gaps and overlaps resolved.</summary>
    public long ToUtcTicks(long localTicks)
    {
        var local = new DateTime(localTicks, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap, one day earlier (no zone moves its clocks twice a day):
            // 02:30 in Berlin's spring gap becomes 01:30 UTC, which reads 03:30 after the change.
            var before = localTicks >= TicksPerDay ? zone.GetUtcOffset(local.AddDays(-1)) : zone.BaseUtcOffset;
            return localTicks - before.Ticks;
        }
        if (zone.IsAmbiguousTime(local))
        {
            var latest = TimeSpan.MinValue;
            foreach (var offset in zone.GetAmbiguousTimeOffsets(local))
                if (offset > latest) latest = offset;
            return localTicks - latest.Ticks; // the larger offset is the earlier instant
        }
        return localTicks - zone.GetUtcOffset(local).Ticks;
    }

    /// <summary>
    /// True when one UTC offset holds for the whole local day <paramref name="dayNumber"/> (every day of
    /// a zone without daylight saving, all but two a year of one with it); then a local time of the day
    /// is its UTC instant plus <paramref name="offsetTicks"/> without asking the zone again.
    /// </summary>
    public bool TryDayOffset(int dayNumber, out long offsetTicks)
    {
        var midnight = dayNumber * TicksPerDay;
        var offset = zone.GetUtcOffset(new DateTime(midnight, DateTimeKind.Unspecified)).Ticks;
        offsetTicks = offset;
        var lastTick = Math.Min(midnight + TicksPerDay - 1 - offset, DateTime.MaxValue.Ticks);
        return midnight - offset >= 0
            && zone.GetUtcOffset(new DateTime(midnight - offset, DateTimeKind.Utc)).Ticks == offset
            && zone.GetUtcOffset(new DateTime(lastTick, DateTimeKind.Utc)).Ticks == offset;
    }
}
