using System.Globalization;
using Microsoft.AspNetCore.Identity;
using WorkflowService.AfterSales.Hotline;
using WorkflowService.Engine.Calendars;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;
using WorkflowService.Web.Localization;
using WorkflowService.Web.Pages;

namespace WorkflowService.Web.Tests.Localization;

/// <summary>
/// The pages word the runtime's refusals by their field and code (Localization/refusals.json): every refusal the people,
/// group, password and roster rules can give has a Chinese text, so a code renamed in the runtime cannot fall back to
/// English unnoticed; and one without a text keeps the runtime's message.
/// </summary>
public sealed class RefusalTextTests
{
    private static readonly T Texts = new(new Texts());

    [Fact]
    public void Every_refusal_of_the_people_group_password_and_roster_rules_has_a_Chinese_text()
    {
        var options = new UserOptions();
        var errors = new List<ValidationError>();
        errors.AddRange(StaffRules.Check(new StaffProfile("张 " + new string('a', 70), new string('名', 101), "zhang@", "call me", ["boss"], null),
            creating: true, options));
        errors.AddRange(StaffRules.Check(new StaffProfile("timer", " ", null, null, [], null), creating: true, options));
        errors.AddRange(StaffRules.Check(new StaffProfile("Export", "导出", null, null, [StaffRoles.Engineer], null), creating: true, options));
        errors.AddRange(StaffRules.CheckUserName(" ", options));
        errors.Add(StaffRules.CheckGroupName("export")!);
        errors.Add(StaffRules.CheckGroupName("-售后")!);
        errors.Add(StaffRules.CheckLanguage("fr")!);
        var identity = new IdentityErrorDescriber();
        errors.AddRange(new[]
        {
            identity.PasswordTooShort(10), identity.PasswordRequiresDigit(), identity.PasswordRequiresLower(), identity.PasswordRequiresUpper(),
            identity.PasswordRequiresNonAlphanumeric(), identity.PasswordRequiresUniqueChars(4),
        }.Select(e => new ValidationError($"newPassword: {e.Description}", "newPassword", e.Code)));
        var tooMany = Enumerable.Range(0, DutyRosterRules.MaxAgentsPerShift + 1).Select(i => $"agent{i}").ToList();
        errors.AddRange(DutyRosterRules.Check(new DutyRoster(
            [
                new WeeklyShift(DayOfWeek.Friday, new TimeOnly(17, 30), new TimeOnly(8, 30), []),
                new WeeklyShift(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0), ["a,b"]),
                new WeeklyShift(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(17, 0), tooMany),
            ],
            [new DatedShift(new DateOnly(2026, 10, 8), new TimeOnly(12, 0), new TimeOnly(9, 0), [" "])],
            "call me")));

        var codes = errors.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.True(codes.Count >= 25, $"the rules gave only {codes.Count} kinds of refusal: {string.Join(", ", codes)}");
        var untranslated = In("zh-CN", () => errors.Where(e => FormRefusals.Describe(Texts, e) == e.Message).Select(e => $"{e.Field} {e.Code}").ToList());
        Assert.True(untranslated.Count == 0, $"no Chinese text for {string.Join(", ", untranslated)}");
        // The text names what was typed.
        Assert.Equal("“zhang@”不是有效的电子邮箱地址。", In("zh-CN", () => FormRefusals.Describe(Texts, errors.Single(e => e.Field == "email"))));
        Assert.Equal("每周排班:“a,b”不是有效的用户名。", In("zh-CN", () => FormRefusals.Describe(Texts, errors.Single(e => e.Field == "weekly[1].agents[0]"))));
    }

    [Fact]
    public void Every_problem_the_calendar_rules_find_has_a_Chinese_text()
    {
        var valid = new CalendarDefinition { Name = "office", TimeZone = "Asia/Shanghai" };
        TimeOnly At(int h, int m = 0) => new(h, m);
        var problems = new[]
        {
            valid with { Name = " ", TimeZone = "Mars/Olympus", WorkingDays = [] , Periods = [] },
            valid with { WorkingDays = [DayOfWeek.Monday, DayOfWeek.Monday, (DayOfWeek)9] },
            valid with { Periods = [new(At(8, 30), At(8, 30)), new(At(13), At(12)), new(At(8), At(9)), new(At(8, 30), At(10))] },
            valid with
            {
                Exceptions = [new(new DateOnly(2026, 2, 16), false, "春节"), new(new DateOnly(2026, 2, 16), false), new(new DateOnly(2026, 2, 17), true)],
                ScheduledYears = [2026, 2026, 0],
            },
        }.SelectMany(d => WorkingCalendar.Check(d, "")).ToList();
        // As CalendarStore hands them to the pages.
        var errors = problems.Select(p => new ValidationError(p.ToString(), p.Path, p.Code, Argument: p.Argument)).ToList();

        Assert.True(errors.Select(e => e.Code).Distinct().Count() >= 9, string.Join(", ", errors.Select(e => e.Code).Distinct()));
        var untranslated = In("zh-CN", () => errors.Where(e => FormRefusals.Describe(Texts, e) == e.Message).Select(e => $"{e.Field} {e.Code}").ToList());
        Assert.True(untranslated.Count == 0, $"no Chinese text for {string.Join(", ", untranslated)}");
        Assert.Contains("工作时段 08:30–10:00 与上一时段重叠。", In("zh-CN", () => errors.Select(e => FormRefusals.Describe(Texts, e)).ToList()));
    }

    [Fact]
    public void A_refusal_without_a_text_keeps_the_runtime_message_and_a_request_refusal_is_worded_by_its_code()
    {
        var unknown = new ValidationError("userName cannot change", "userName", "immutable");
        var bare = new ValidationError("something was wrong");
        Assert.Equal("userName cannot change", In("zh-CN", () => FormRefusals.Describe(Texts, unknown)));
        Assert.Equal("something was wrong", In("zh-CN", () => FormRefusals.Describe(Texts, bare)));

        var lastAdmin = new ConflictException("admin is the last enabled admin") { Code = "last-admin", Argument = "admin" };
        Assert.StartsWith("admin 是最后一位启用中的管理员", In("zh-CN", () => FormRefusals.Describe(Texts, lastAdmin)));
        Assert.Equal("No such thing", In("zh-CN", () => FormRefusals.Describe(Texts, new NotFoundException("No such thing"))));
    }

    /// <summary>What <paramref name="read"/> gives for a reader of <paramref name="culture"/> (the thread's culture set back after).</summary>
    internal static TResult In<TResult>(string culture, Func<TResult> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
