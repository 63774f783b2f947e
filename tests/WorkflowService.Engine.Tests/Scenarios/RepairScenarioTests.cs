using System.Text.RegularExpressions;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Model;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>
/// workflows/repair.bpmn: 维修, from the fault report to the follow-up call: each clock starts when the regulations say,
/// each answer (consent, agreement, acceptance, slip, payment) changes the path, the engineer dispatched owns the work.
/// </summary>
public sealed class RepairScenarioTests
{
    private const string Customer = "Hengda Printing Co.";
    private const string Engineer = "eng.wang";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    /// <summary>The request reached the centre two hours before the order was typed in.</summary>
    private static readonly DateTimeOffset ReceivedAt = Epoch.AddHours(-2);

    /// <summary>The variables a work order starts the process with (WorkOrderDesk.FactNames).</summary>
    private static object Order(long units = 25, bool inWarranty = true) => new
    {
        orderNumber = "WX-20260302-001", customer = Customer, contactPerson = "Li Wei", contactPhone = "0571-8765-4321",
        model = "LJ-4200", serial = "CN-42-0815", units, inWarranty, receivedAt = ReceivedAt.ToString("O"),
    };

    private static Simulation Opened(long units = 25, bool inWarranty = true) =>
        Simulation.Start(ShippedProcesses.Repair, Order(units, inWarranty));

    private static void Accept(Simulation sim) =>
        sim.Submit("acceptRequest", new { fault = "Paper jam on tray 2", customerInformed = true }, by: "desk.zhou");

    private static void Dispatch(Simulation sim, string where = "workshop") =>
        sim.Submit("dispatchEngineer", new { engineer = Engineer, repairLocation = where }, by: "desk.zhou");

    /// <summary>Accepted, dispatched to the workshop and the units received: the repair work has begun.</summary>
    private static Simulation InTheWorkshop(long units = 25, bool inWarranty = true)
    {
        var sim = Opened(units, inWarranty);
        Accept(sim);
        Dispatch(sim);
        sim.Submit("receiveUnits", by: Engineer);
        return sim;
    }

    private static void Assess(Simulation sim, string parts = "warehouse") =>
        sim.Submit("assessFault", new { diagnosis = "Worn pickup roller", repairPlan = "Replace roller", partsSource = parts }, by: Engineer);

    private static void Quote(Simulation sim, bool consent) =>
        sim.Submit("quoteRepair", new { partsPrice = 180, labourPrice = 120, customerConsent = consent }, by: Engineer);

    private static void Sign(Simulation sim, bool agreed = true) => sim.Submit("signAgreement", new { agreementSigned = agreed }, by: Engineer);

    private static void Repair(Simulation sim) =>
        sim.Submit("repairDevice", new { repairMethod = "Replaced pickup roller", repairResult = "Prints normally" }, by: Engineer);

    private static void CustomerAccepts(Simulation sim, bool accepted = true) =>
        sim.Submit("customerAcceptance", new { customerAccepted = accepted, acceptanceFeedback = accepted ? "Works" : "Still jams" });

    /// <summary>In warranty, through assessment, agreement, parts, repair and acceptance: the repair work is done.</summary>
    private static Simulation Repaired(long units = 25, bool inWarranty = true)
    {
        var sim = InTheWorkshop(units, inWarranty);
        Assess(sim);
        if (!inWarranty) Quote(sim, consent: true);
        Sign(sim);
        sim.Submit("prepareParts", new { partsIssued = "Roller x1" });
        Repair(sim);
        CustomerAccepts(sim);
        return sim;
    }

    private static void HandInSlip(Simulation sim, bool signedByCustomer = true, bool complete = true) =>
        sim.Submit("handInRepairSlip", new { slipNumber = "RS-0042", slipComplete = complete, slipSigned = signedByCustomer }, by: Engineer);

    private static void ReturnUnits(Simulation sim) => sim.Submit("returnUnits", by: Engineer);

    private static void FollowUp(Simulation sim) => sim.Submit("followUpCall", new { satisfaction = "5", comments = "Quick service" });

    [Fact]
    public void An_in_warranty_workshop_repair_goes_from_the_order_to_closure_without_fees_and_the_engineer_dispatched_owns_each_step()
    {
        var sim = Opened();
        // Nothing the order knows is asked again: the first task is the desk's acceptance, due 24 h after the request came in.
        Assert.Equal(ReceivedAt.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        Assert.DoesNotContain(TaskForms.FieldsOf(sim.Model, "acceptRequest"), f => f.Id is "customer" or "model" or "serial" or "units" or "inWarranty");
        Accept(sim);
        sim.AssertOpenFor("dispatchEngineer", ["service-desk"]);
        Dispatch(sim);
        sim.AssertOpenFor("receiveUnits", [], assignee: Engineer);
        sim.Submit("receiveUnits", by: Engineer);
        sim.AssertOpenFor("assessFault", [], assignee: Engineer);
        Assess(sim);
        sim.AssertOpenFor("signAgreement", [], assignee: Engineer);
        Sign(sim);
        sim.AssertOpenFor("prepareParts", ["warehouse"]);
        sim.Submit("prepareParts", new { partsIssued = "Roller x1" });
        sim.AssertOpenFor("repairDevice", [], assignee: Engineer);
        Repair(sim);
        sim.AssertOpenFor("customerAcceptance", ["agents"]);
        CustomerAccepts(sim);

        sim.AssertOpenFor("handInRepairSlip", [], assignee: Engineer);
        sim.AssertOpenFor("returnUnits", [], assignee: Engineer);
        Assert.False(sim.HasTask("settleFees"));
        ReturnUnits(sim);
        Assert.Equal(Epoch.AddDays(3), sim.AssertOpenFor("followUpCall", ["agents"]).DueAt);
        FollowUp(sim);
        Assert.False(sim.IsCompleted, "the join still waits for the repair slip");
        HandInSlip(sim);

        Assert.True(sim.IsCompleted);
        Assert.Contains("repairClosed", sim.Path);
        Assert.DoesNotContain("quoteRepair", sim.Path);
        Assert.DoesNotContain("settleFees", sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
        Assert.Equal("desk.zhou", sim.Commands.OfType<ElementLeft>().Single(l => l.ElementId == "dispatchEngineer").By);
    }

    [Fact]
    public void The_turnaround_stands_still_while_the_customer_considers_the_quote()
    {
        // 25 units: three days of turnaround from receipt.
        var sim = InTheWorkshop(units: 25, inWarranty: false);
        var received = sim.Now;
        sim.AdvanceBy(TimeSpan.FromDays(1));
        Assess(sim, parts: "none");
        Assert.Single(sim.PausedTimers.Values, p => p.Timer.ElementId == "repairTurnaroundTimer");

        sim.AdvanceBy(TimeSpan.FromDays(5));
        Assert.DoesNotContain(sim.Breaches, b => b.Rule == "repair-turnaround");
        Quote(sim, consent: true);

        var resumed = Assert.Single(sim.PendingTimers.Values, t => t.ElementId == "repairTurnaroundTimer");
        Assert.Equal(sim.Now.AddDays(2), resumed.DueAt);
        Assert.Equal(received.AddDays(8), resumed.DueAt);
    }

    [Fact]
    public void Out_of_warranty_the_price_is_agreed_before_the_repair_and_finance_settles_that_quote()
    {
        var sim = InTheWorkshop(inWarranty: false);
        Assess(sim, parts: "none");

        sim.AssertOpenFor("quoteRepair", [], assignee: Engineer);
        Assert.False(sim.HasTask("repairDevice"));
        Quote(sim, consent: true);
        Sign(sim);
        Repair(sim);
        CustomerAccepts(sim);

        sim.AssertOpenFor("settleFees", ["finance"]);
        Assert.True(sim.HasTask("returnUnits"), "the fees do not hold the units back");
        sim.Submit("settleFees", new { paymentReceived = true });
        ReturnUnits(sim);
        FollowUp(sim);
        HandInSlip(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(["quoteRepair", "consentGateway", "agreementMerge", "signAgreement"],
            sim.Path.SkipWhile(e => e != "quoteRepair").Take(4));
        Assert.Equal(180, sim.Variable("partsPrice").GetInt64());
        Assert.Equal(120, sim.Variable("labourPrice").GetInt64());
    }

    [Fact]
    public void A_customer_who_refuses_the_price_gets_the_unit_back_unrepaired_and_nothing_is_charged()
    {
        var sim = InTheWorkshop(inWarranty: false);
        Assess(sim);
        Quote(sim, consent: false);

        // The units are in the workshop: the engineer hands them back before the order closes.
        Assert.False(sim.IsCompleted);
        sim.AssertOpenFor("handBackUnrepaired", [], assignee: Engineer);
        sim.Submit("handBackUnrepaired", new { handBackNote = "Collected by Mr Li at the counter" }, by: Engineer);
        Assert.True(sim.IsCompleted);
        Assert.Contains("returnedUnrepaired", sim.Path);
        Assert.DoesNotContain("repairDevice", sim.Path);
        Assert.DoesNotContain("settleFees", sim.Path);
        Assert.Empty(sim.PendingTimers);
        Assert.Empty(sim.OpenTasks);
    }

    [Fact]
    public void Without_a_signed_repair_agreement_nothing_is_repaired_even_in_warranty()
    {
        var sim = InTheWorkshop();
        Assess(sim);
        Sign(sim, agreed: false);
        sim.Submit("handBackUnrepaired", new { handBackNote = "Sent back by courier" }, by: Engineer);

        Assert.True(sim.IsCompleted);
        Assert.Contains("returnedUnrepaired", sim.Path);
        Assert.DoesNotContain("prepareParts", sim.Path);
    }

    [Fact]
    public void On_site_a_declined_repair_ends_at_once_the_customer_still_has_the_units()
    {
        var sim = Opened(units: 3);
        Accept(sim);
        Dispatch(sim, "onSite");
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04" }, by: Engineer);
        sim.Submit("confirmArrival", by: Engineer);
        Assess(sim, parts: "none");
        Sign(sim, agreed: false);

        Assert.True(sim.IsCompleted);
        Assert.Contains("returnedUnrepaired", sim.Path);
        Assert.DoesNotContain("handBackUnrepaired", sim.Path);
    }

    [Theory]
    [InlineData("warehouse", "prepareParts")]
    [InlineData("maker", "returnToMaker")]
    public void Parts_come_from_the_warehouse_or_the_unit_goes_back_to_the_maker(string source, string step)
    {
        var sim = InTheWorkshop();
        Assess(sim, parts: source);
        Sign(sim);

        Assert.True(sim.HasTask(step));
        Assert.False(sim.HasTask(step == "prepareParts" ? "returnToMaker" : "prepareParts"));
        sim.Submit(step, step == "prepareParts" ? new { partsIssued = "Roller x1" } : new { makerReference = "RMA-77" }, by: Engineer);
        Assert.True(sim.HasTask("repairDevice"));
    }

    [Fact]
    public void Without_parts_the_engineer_repairs_right_after_the_agreement()
    {
        var sim = InTheWorkshop();
        Assess(sim, parts: "none");
        Sign(sim);

        Assert.Equal(["repairDevice"], sim.OpenTasks.Values.Select(t => t.ElementId));
    }

    [Fact]
    public void A_refused_acceptance_sends_the_work_back_to_the_engineer_and_the_slip_waits_for_the_accepted_repair()
    {
        var sim = InTheWorkshop();
        Assess(sim, parts: "none");
        Sign(sim);
        Repair(sim);
        CustomerAccepts(sim, accepted: false);

        sim.AssertOpenFor("repairDevice", [], assignee: Engineer);
        Assert.False(sim.HasTask("handInRepairSlip"));
        Repair(sim);
        CustomerAccepts(sim);
        Assert.True(sim.HasTask("handInRepairSlip"));
        Assert.Equal(2, sim.Path.Count(e => e == "repairDevice"));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void An_unsigned_or_incomplete_repair_slip_goes_back_to_the_engineer_and_does_not_close_the_job(bool signedByCustomer, bool complete)
    {
        var sim = Repaired();
        ReturnUnits(sim);
        FollowUp(sim);

        HandInSlip(sim, signedByCustomer, complete);
        Assert.False(sim.IsCompleted);
        sim.AssertOpenFor("handInRepairSlip", [], assignee: Engineer);
        HandInSlip(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(2, sim.Path.Count(e => e == "handInRepairSlip"));
    }

    [Fact]
    public void The_forms_refuse_a_dispatch_without_an_engineer_an_open_price_and_an_unanswered_slip()
    {
        var noEngineer = TaskForms.Validate(ShippedProcesses.Repair, "dispatchEngineer", new { repairLocation = "onSite" });
        var noLabour = TaskForms.Validate(ShippedProcesses.Repair, "quoteRepair", new { partsPrice = 180, customerConsent = true });
        var negative = TaskForms.Validate(ShippedProcesses.Repair, "quoteRepair", new { partsPrice = -1, labourPrice = 0, customerConsent = true });
        var noSignature = TaskForms.Validate(ShippedProcesses.Repair, "handInRepairSlip", new { slipNumber = "RS-1", slipComplete = true });
        var badScore = TaskForms.Validate(ShippedProcesses.Repair, "followUpCall", new { satisfaction = "6" });

        Assert.Equal(("engineer", "required"), Assert.Single(noEngineer.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("labourPrice", "required"), Assert.Single(noLabour.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("partsPrice", "min"), Assert.Single(negative.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("slipSigned", "required"), Assert.Single(noSignature.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("satisfaction", "enum"), Assert.Single(badScore.Errors.Select(e => (e.FieldId, e.Code))));
    }

    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public void Every_name_label_and_value_is_Chinese_with_its_English_beside_it()
    {
        var model = ShippedProcesses.Repair;
        Assert.Equal(("维修", "Repair"), (model.Name, model.NameIn("en")));
        foreach (var node in model.Nodes.Where(n => n.Name is not null))
            AssertBilingual(node.Id, node.Name, node.NameIn("en"));
        foreach (var flow in model.Flows.Where(f => f.Name is not null))
            AssertBilingual(flow.Id, flow.Name, flow.NameIn("en"));
        var fields = model.Nodes.OfType<UserTaskNode>().SelectMany(t => t.FormFields).ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            AssertBilingual(field.Id, field.Label, field.In("en").Label);
            foreach (var (written, english) in field.Options.Zip(field.In("en").Options))
                AssertBilingual($"{field.Id}:{written.Id}", written.Name, english.Name);
        }
    }

    private static void AssertBilingual(string id, string? written, string? english)
    {
        Assert.True(written is not null && Chinese.IsMatch(written), $"{id} is named '{written}', not in Chinese");
        Assert.True(english is not null && english != written && !Chinese.IsMatch(english), $"{id} has no English name ('{english}')");
    }

    [Theory]
    [InlineData("arrivalTimer", "on-site-arrival")]
    [InlineData("repairTurnaroundTimer", "repair-turnaround")]
    [InlineData("repairSlipTimer", "repair-slip-2d")]
    public void The_engineers_timers_charge_the_engineer_dispatched(string timer, string rule)
    {
        var properties = ShippedProcesses.Repair.Node(timer).Properties;

        Assert.Equal(rule, properties["sla"]);
        Assert.Equal("${engineer}", properties["responsible"]);
    }

    [Fact]
    public void Acceptance_is_due_24_hours_after_the_request_reached_the_centre_and_a_late_one_is_escalated()
    {
        var sim = Opened();

        sim.AdvanceTo(ReceivedAt.AddHours(24).AddSeconds(-1));
        Assert.Empty(sim.Breaches);
        sim.AdvanceTo(ReceivedAt.AddHours(24));

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", ReceivedAt.AddHours(24));
        Assert.Equal($"客户 {Customer} 的服务请求 24 小时内未受理 / Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
        sim.CompleteExternalTask("acceptanceEscalationEmail");
        Accept(sim);
        Assert.True(sim.HasTask("dispatchEngineer"));
    }

    [Fact]
    public void A_request_accepted_within_24_hours_of_reaching_the_centre_records_no_breach()
    {
        var sim = Opened();
        sim.AdvanceTo(ReceivedAt.AddHours(23));
        Accept(sim);

        sim.AdvanceBy(TimeSpan.FromDays(1));
        Assert.Empty(sim.Breaches);
        Assert.Contains(sim.Commands, c => c is CancelTimer { ElementId: "acceptanceTimer" });
    }

    [Fact]
    public void A_process_started_without_an_order_counts_the_24_hours_from_its_start()
    {
        var sim = Simulation.Start(ShippedProcesses.Repair, new { customer = Customer, units = 1, inWarranty = true });

        Assert.Equal(Epoch.AddHours(24), sim.Task("acceptRequest").DueAt);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(25, 3)]
    public void The_repair_turnaround_counts_one_day_per_ten_units_from_when_the_units_are_received(long units, int days)
    {
        var sim = Opened(units);
        Accept(sim);
        Dispatch(sim);
        sim.AdvanceBy(TimeSpan.FromHours(5));
        sim.Submit("receiveUnits", by: Engineer);
        var received = sim.Now;

        var timer = sim.PendingTimers.Values.Single(t => t.ElementId == "repairTurnaroundTimer");
        Assert.Equal((received.AddDays(days), "repair-turnaround"), (timer.DueAt, timer.SlaRule));
        Assess(sim);
        sim.AdvanceTo(timer.DueAt.AddSeconds(-1));
        Assert.Empty(sim.Breaches);
        sim.AdvanceTo(timer.DueAt);
        sim.AssertSingleBreach("repair-turnaround", "repairTurnaroundTimer", received.AddDays(days));
        Assert.Equal($"客户 {Customer} 的维修({units} 台)未在 {days} 天内完成 / Repair for {Customer} ({units} units) not completed within {days} day(s)",
            sim.AssertEscalationEmail("repairEscalationEmail", "repair-turnaround"));
        Assert.True(sim.HasTask("signAgreement"), "the repair work goes on");
    }

    [Fact]
    public void On_site_the_engineer_is_due_by_the_end_of_the_agreed_day_and_the_turnaround_counts_from_the_arrival()
    {
        var sim = Opened(units: 3);
        Accept(sim);
        Dispatch(sim, "onSite");
        sim.AssertOpenFor("bookAppointment", [], assignee: Engineer);
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04" }, by: Engineer);
        // The end of the agreed day where the department works (China, UTC+8).
        var agreedBy = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(agreedBy, sim.AssertOpenFor("confirmArrival", [], assignee: Engineer).DueAt);

        sim.AdvanceTo(agreedBy.AddHours(-3));
        sim.Submit("confirmArrival", by: Engineer);

        Assert.Equal(sim.Now.AddDays(1), sim.PendingTimers.Values.Single(t => t.ElementId == "repairTurnaroundTimer").DueAt);
        sim.AdvanceBy(TimeSpan.FromHours(5));
        Assert.DoesNotContain(sim.Breaches, b => b.Rule == "on-site-arrival");
        Assert.False(sim.HasTask("receiveUnits"));
    }

    [Fact]
    public void An_engineer_not_on_site_by_the_end_of_the_agreed_day_is_a_breach_and_still_goes()
    {
        var sim = Opened();
        Accept(sim);
        Dispatch(sim, "onSite");
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04" }, by: Engineer);

        sim.AdvanceTo(new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.FromHours(8)));

        sim.AssertSingleBreach("on-site-arrival", "arrivalTimer", new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Contains("arrivalBreachRecorded", sim.Path);
        Assert.DoesNotContain(sim.Commands, c => c is CreateExternalTask);
        sim.Submit("confirmArrival", by: Engineer);
        Assert.True(sim.HasTask("assessFault"));
    }

    [Fact]
    public void On_site_the_customer_has_the_units_once_the_repair_is_accepted_so_the_follow_up_starts_then()
    {
        var sim = Opened();
        Accept(sim);
        Dispatch(sim, "onSite");
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04" }, by: Engineer);
        sim.Submit("confirmArrival", by: Engineer);
        Assess(sim, parts: "none");
        Sign(sim);
        Repair(sim);
        CustomerAccepts(sim);

        Assert.False(sim.HasTask("returnUnits"));
        Assert.Equal(sim.Now.AddDays(3), sim.Task("followUpCall").DueAt);
    }

    [Fact]
    public void The_follow_up_counts_three_days_from_the_units_going_back_not_from_the_fees()
    {
        var sim = Repaired(inWarranty: false);
        HandInSlip(sim);
        sim.AdvanceBy(TimeSpan.FromHours(6));
        ReturnUnits(sim);
        var returned = sim.Now;

        sim.AdvanceBy(TimeSpan.FromDays(3.5));

        sim.AssertSingleBreach("follow-up-3d", "followUpTimer", returned.AddDays(3));
        Assert.Equal($"客户 {Customer} 的回访电话未在 3 天内完成 / Follow-up call to {Customer} not made within 3 days",
            sim.AssertEscalationEmail("followUpEscalationEmail", "follow-up-3d"));
        Assert.True(sim.HasTask("settleFees"), "finance has not settled yet, the follow-up did not wait for it");
        Assert.True(sim.HasTask("followUpCall"));
    }

    [Fact]
    public void A_repair_slip_not_valid_two_days_after_the_repair_is_one_breach_even_when_it_went_back_unsigned()
    {
        var sim = Repaired();
        var repaired = sim.Now;
        ReturnUnits(sim);
        FollowUp(sim);
        sim.AdvanceBy(TimeSpan.FromDays(1));
        HandInSlip(sim, signedByCustomer: false);

        sim.AdvanceBy(TimeSpan.FromDays(1.5));

        sim.AssertSingleBreach("repair-slip-2d", "repairSlipTimer", repaired.AddDays(2));
        Assert.DoesNotContain(sim.Commands, c => c is CreateExternalTask);
        Assert.Contains("repairSlipBreachRecorded", sim.Path);
        HandInSlip(sim);
        Assert.True(sim.IsCompleted);
        Assert.Single(sim.Breaches);
    }

    [Fact]
    public void Unpaid_fees_are_chased_until_the_balance_comes_in()
    {
        var sim = Repaired(inWarranty: false);
        ReturnUnits(sim);
        FollowUp(sim);
        HandInSlip(sim);

        sim.Submit("settleFees", new { paymentReceived = false });
        sim.AssertOpenFor("chaseBalance", ["finance"]);
        sim.Submit("chaseBalance", new { paymentReceived = false, chaseNote = "Promised Friday" });
        Assert.False(sim.IsCompleted);
        sim.Submit("chaseBalance", new { paymentReceived = true });

        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void A_repair_done_within_every_deadline_records_no_breach_and_cancels_every_sla_timer()
    {
        var sim = Opened(units: 25);
        sim.AdvanceBy(TimeSpan.FromHours(20));
        Accept(sim);
        Dispatch(sim);
        sim.Submit("receiveUnits", by: Engineer);
        Assess(sim);
        Sign(sim);
        sim.AdvanceBy(TimeSpan.FromDays(1));
        sim.Submit("prepareParts");
        sim.AdvanceBy(TimeSpan.FromDays(1.9));
        Repair(sim);
        CustomerAccepts(sim);
        sim.AdvanceBy(TimeSpan.FromDays(1.5));
        HandInSlip(sim);
        ReturnUnits(sim);
        sim.AdvanceBy(TimeSpan.FromDays(2.9));
        FollowUp(sim);

        Assert.True(sim.IsCompleted);
        sim.AdvanceBy(TimeSpan.FromDays(60));
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
        Assert.Equal(["acceptanceTimer", "repairTurnaroundTimer", "repairSlipTimer", "followUpTimer"],
            sim.Commands.OfType<CancelTimer>().Select(t => t.ElementId));
    }
}
