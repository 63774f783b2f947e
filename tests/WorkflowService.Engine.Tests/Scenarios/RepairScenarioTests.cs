using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Tests.Support;

namespace WorkflowService.Engine.Tests.Scenarios;

/// <summary>workflows/repair.bpmn: 维修, from the fault report to the follow-up call, with its four SLA timers.</summary>
public sealed class RepairScenarioTests
{
    private const string Customer = "Hengda Printing Co.";
    private static readonly DateTimeOffset Epoch = Simulation.Epoch;

    private static object Registration(long units = 25, bool inWarranty = true) => new
    {
        customer = Customer, contactPerson = "Li Wei", contactPhone = "0571-8765-4321", model = "LJ-4200",
        serial = "CN-42-0815", fault = "Paper jam on tray 2", units, inWarranty,
    };

    private static Simulation Registered(long units = 25, bool inWarranty = true)
    {
        var sim = Simulation.Start(ShippedProcesses.Repair);
        sim.Submit("registerRequest", Registration(units, inWarranty), by: "desk.zhou");
        return sim;
    }

    private static void Accept(Simulation sim) =>
        sim.Submit("acceptRequest", new { customerInformed = true, acceptanceNote = "Engineer visits this week" });

    private static void AssessAndPrepareParts(Simulation sim)
    {
        sim.Submit("assessFault", new { diagnosis = "Worn pickup roller", repairPlan = "Replace roller", repairLocation = "onSite", partsNeeded = "Roller x1" });
        sim.Submit("prepareParts", new { partsIssued = "Roller x1" });
    }

    private static void RepairTheDevice(Simulation sim)
    {
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04", appointmentNote = "Morning, reception desk" });
        sim.Submit("repairDevice", new { repairMethod = "Replaced pickup roller", repairResult = "Prints normally" });
    }

    /// <summary>Registration to the end of the repair work, all at once (no SLA timer falls due).</summary>
    private static Simulation Repaired(long units = 25, bool inWarranty = true)
    {
        var sim = Registered(units, inWarranty);
        Accept(sim);
        AssessAndPrepareParts(sim);
        RepairTheDevice(sim);
        return sim;
    }

    private static void CustomerAccepts(Simulation sim) =>
        sim.Submit("customerAcceptance", new { customerAccepted = true, acceptanceFeedback = "Works again" });

    private static void FollowUp(Simulation sim) => sim.Submit("followUpCall", new { satisfaction = "5", comments = "Quick service" });

    private static void HandInSlip(Simulation sim) => sim.Submit("handInRepairSlip", new { slipNumber = "RS-0042", slipSigned = true });

    [Fact]
    public void An_in_warranty_repair_goes_from_registration_to_closure_without_fees()
    {
        var sim = Simulation.Start(ShippedProcesses.Repair);
        sim.AssertOpenFor("registerRequest", ["service-desk"]);
        sim.Submit("registerRequest", Registration(), by: "desk.zhou");
        Assert.Equal(Epoch.AddHours(24), sim.AssertOpenFor("acceptRequest", ["service-desk"]).DueAt);
        Accept(sim);
        sim.AssertOpenFor("assessFault", ["engineers"]);
        sim.Submit("assessFault", new { diagnosis = "Worn pickup roller" });
        sim.AssertOpenFor("prepareParts", ["warehouse"]);
        sim.Submit("prepareParts");
        sim.AssertOpenFor("bookAppointment", ["engineers"]);
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-04" });
        sim.AssertOpenFor("repairDevice", ["engineers"]);
        sim.Submit("repairDevice", new { repairResult = "Prints normally" });

        Assert.Equal(Epoch.AddDays(2), sim.AssertOpenFor("handInRepairSlip", ["engineers"]).DueAt);
        sim.AssertOpenFor("customerAcceptance", ["agents"]);
        CustomerAccepts(sim);
        Assert.Equal(Epoch.AddDays(3), sim.AssertOpenFor("followUpCall", ["agents"]).DueAt);
        FollowUp(sim);
        Assert.False(sim.IsCompleted, "the join still waits for the repair slip");
        HandInSlip(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(
            [
                "repairRequested", "registerRequest", "acceptRequest", "assessFault", "prepareParts",
                "repairStarted", "bookAppointment", "repairDevice", "repairCompleted", "repairWork", "repairDoneFork",
                "customerAcceptance", "warrantyGateway", "feesMerge", "followUpCall", "handInRepairSlip",
                "repairJoin", "repairJoin", "repairClosed",
            ],
            sim.Path);
        Assert.Empty(sim.Breaches);
        Assert.Empty(sim.PendingTimers);
        Assert.Equal("desk.zhou", sim.Commands.OfType<ElementLeft>().Single(l => l.ElementId == "registerRequest").By);
    }

    [Fact]
    public void An_out_of_warranty_repair_settles_parts_and_labour_with_finance_before_the_follow_up_call()
    {
        var sim = Repaired(inWarranty: false);
        HandInSlip(sim);
        CustomerAccepts(sim);

        sim.AssertOpenFor("settleFees", ["finance"]);
        Assert.False(sim.HasTask("followUpCall"));
        sim.Submit("settleFees", new { partsPrice = 180, labourPrice = 120, paymentReceived = true });
        FollowUp(sim);

        Assert.True(sim.IsCompleted);
        Assert.Equal(["warrantyGateway", "settleFees", "feesMerge", "followUpCall"],
            sim.Path.SkipWhile(e => e != "warrantyGateway").Take(4));
        Assert.Equal(180, sim.Variable("partsPrice").GetInt64());
    }

    [Fact]
    public void Values_posted_as_text_by_an_html_form_reach_the_process_typed()
    {
        var sim = Simulation.Start(ShippedProcesses.Repair);
        var html = new
        {
            customer = Customer, contactPhone = "0571-8765-4321", model = "LJ-4200", fault = "No power",
            units = "11", inWarranty = "off",
        };
        sim.Submit("registerRequest", html);
        Accept(sim);
        AssessAndPrepareParts(sim);

        Assert.Equal(11, sim.Variable("units").GetInt64());
        Assert.False(sim.Variable("inWarranty").GetBoolean());
        Assert.Equal(Epoch.AddDays(2), sim.PendingTimers.Values.Single(t => t.ElementId == "repairTurnaroundTimer").DueAt);
        RepairTheDevice(sim);
        CustomerAccepts(sim);
        Assert.True(sim.HasTask("settleFees"));
    }

    [Fact]
    public void The_forms_refuse_a_registration_without_units_and_fees_without_a_labour_price()
    {
        var noUnits = TaskForms.Validate(ShippedProcesses.Repair, "registerRequest", new
        {
            customer = Customer, contactPhone = "0571-8765-4321", model = "LJ-4200", fault = "No power", inWarranty = true,
        });
        var zeroUnits = TaskForms.Validate(ShippedProcesses.Repair, "registerRequest", new
        {
            customer = Customer, contactPhone = "0571-8765-4321", model = "LJ-4200", fault = "No power", units = 0, inWarranty = true,
        });
        var noLabour = TaskForms.Validate(ShippedProcesses.Repair, "settleFees", new { partsPrice = 180 });
        var badScore = TaskForms.Validate(ShippedProcesses.Repair, "followUpCall", new { satisfaction = "6" });

        Assert.Equal(("units", "required"), Assert.Single(noUnits.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("units", "min"), Assert.Single(zeroUnits.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("labourPrice", "required"), Assert.Single(noLabour.Errors.Select(e => (e.FieldId, e.Code))));
        Assert.Equal(("satisfaction", "enum"), Assert.Single(badScore.Errors.Select(e => (e.FieldId, e.Code))));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(25, 3)]
    [InlineData(30, 3)]
    public void The_repair_turnaround_is_one_day_per_ten_units_started(long units, int days)
    {
        var sim = Registered(units);
        Accept(sim);
        sim.AdvanceBy(TimeSpan.FromHours(5));
        AssessAndPrepareParts(sim);
        var repairStarted = sim.Now;

        var timer = sim.PendingTimers.Values.Single(t => t.ElementId == "repairTurnaroundTimer");
        Assert.Equal((repairStarted.AddDays(days), "repair-turnaround"), (timer.DueAt, timer.SlaRule));
        sim.AdvanceTo(timer.DueAt.AddSeconds(-1));
        Assert.Empty(sim.Breaches);
        sim.AdvanceTo(timer.DueAt);
        sim.AssertSingleBreach("repair-turnaround", "repairTurnaroundTimer", repairStarted.AddDays(days));
    }

    [Fact]
    public void Acceptance_later_than_24_hours_is_a_breach_escalated_to_the_managers_and_the_request_stays_open()
    {
        var sim = Simulation.Start(ShippedProcesses.Repair);
        sim.AdvanceBy(TimeSpan.FromMinutes(10));
        sim.Submit("registerRequest", Registration());

        sim.AdvanceBy(TimeSpan.FromHours(30));

        var due = Epoch.AddMinutes(10).AddHours(24);
        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", due);
        Assert.Equal($"Service request from {Customer} not accepted within 24 h",
            sim.AssertEscalationEmail("acceptanceEscalationEmail", "acceptance-24h"));
        Assert.True(sim.HasTask("acceptRequest"));
        sim.CompleteExternalTask("acceptanceEscalationEmail");
        Assert.Contains("acceptanceEscalated", sim.Path);

        Accept(sim);
        AssessAndPrepareParts(sim);
        RepairTheDevice(sim);
        HandInSlip(sim);
        CustomerAccepts(sim);
        FollowUp(sim);
        Assert.True(sim.IsCompleted);
        Assert.Single(sim.Breaches);
    }

    [Fact]
    public void A_breach_noticed_late_records_both_when_it_was_due_and_when_it_was_detected()
    {
        var sim = Registered();
        var timer = sim.PendingTimers.Values.Single(t => t.ElementId == "acceptanceTimer");

        sim.Handle(new TimerFired(timer.SubscriptionId) { At = timer.DueAt.AddMinutes(7) });

        sim.AssertSingleBreach("acceptance-24h", "acceptanceTimer", Epoch.AddHours(24), Epoch.AddHours(24).AddMinutes(7));
    }

    [Fact]
    public void A_late_repair_is_a_breach_escalated_to_the_managers_while_the_repair_work_goes_on()
    {
        var sim = Registered(units: 25);
        Accept(sim);
        AssessAndPrepareParts(sim);
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-06" });

        sim.AdvanceBy(TimeSpan.FromDays(4));

        sim.AssertSingleBreach("repair-turnaround", "repairTurnaroundTimer", Epoch.AddDays(3));
        Assert.Equal($"Repair for {Customer} (25 units) not completed within 3 day(s)",
            sim.AssertEscalationEmail("repairEscalationEmail", "repair-turnaround"));
        Assert.True(sim.HasTask("repairDevice"));
        sim.CompleteExternalTask("repairEscalationEmail");

        sim.Submit("repairDevice", new { repairResult = "Prints normally" });
        HandInSlip(sim);
        CustomerAccepts(sim);
        FollowUp(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("repairEscalated", sim.Path);
    }

    [Fact]
    public void A_repair_slip_handed_in_after_two_days_is_a_breach_without_an_email()
    {
        var sim = Repaired();
        CustomerAccepts(sim);
        FollowUp(sim);

        sim.AdvanceBy(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(3)));

        sim.AssertSingleBreach("repair-slip-2d", "repairSlipTimer", Epoch.AddDays(2));
        Assert.DoesNotContain(sim.Commands, c => c is CreateExternalTask);
        Assert.Contains("repairSlipBreachRecorded", sim.Path);
        Assert.False(sim.IsCompleted);
        HandInSlip(sim);
        Assert.True(sim.IsCompleted);
    }

    [Fact]
    public void A_follow_up_call_later_than_three_days_is_a_breach_escalated_while_the_call_stays_open()
    {
        var sim = Repaired();
        HandInSlip(sim);
        sim.AdvanceBy(TimeSpan.FromHours(6));
        CustomerAccepts(sim);

        sim.AdvanceBy(TimeSpan.FromDays(3.5));

        sim.AssertSingleBreach("follow-up-3d", "followUpTimer", Epoch.AddHours(6).AddDays(3));
        Assert.Equal($"Follow-up call to {Customer} not made within 3 days",
            sim.AssertEscalationEmail("followUpEscalationEmail", "follow-up-3d"));
        Assert.True(sim.HasTask("followUpCall"));
        sim.CompleteExternalTask("followUpEscalationEmail");
        FollowUp(sim);
        Assert.True(sim.IsCompleted);
        Assert.Contains("followUpEscalated", sim.Path);
    }

    [Fact]
    public void A_repair_done_within_every_deadline_records_no_breach_and_cancels_every_sla_timer()
    {
        var sim = Registered(units: 25);
        sim.AdvanceBy(TimeSpan.FromHours(23));
        Accept(sim);
        AssessAndPrepareParts(sim);
        sim.AdvanceBy(TimeSpan.FromDays(1));
        sim.Submit("bookAppointment", new { appointmentDate = "2026-03-05" });
        sim.AdvanceBy(TimeSpan.FromDays(1.9));
        sim.Submit("repairDevice", new { repairResult = "Prints normally" });
        sim.AdvanceBy(TimeSpan.FromDays(1.5));
        HandInSlip(sim);
        CustomerAccepts(sim);
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
