using DipTrader.Bots.Running;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Tests.Running;

public sealed class RunSlotTests
{
    [Fact]
    public void Slot_starts_at_the_period_boundary()
    {
        var slot = RunSlot.Containing(new DateTimeOffset(2026, 11, 29, 8, 13, 47, TimeSpan.Zero), TimeSpan.FromMinutes(5));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 10, 0, TimeSpan.Zero), slot.Start);
    }

    [Fact]
    public void Same_pair_slot_and_action_give_the_same_client_order_id_and_anything_else_a_different_one()
    {
        var at = new DateTimeOffset(2026, 11, 29, 8, 13, 0, TimeSpan.Zero);
        var slot = RunSlot.Containing(at, TimeSpan.FromMinutes(5));
        var again = RunSlot.Containing(at.AddMinutes(1), TimeSpan.FromMinutes(5));
        var next = RunSlot.Containing(at.AddMinutes(5), TimeSpan.FromMinutes(5));

        Assert.Equal(slot.ClientOrderId("p42", DecisionAction.Add), again.ClientOrderId("p42", DecisionAction.Add));
        Assert.NotEqual(slot.ClientOrderId("p42", DecisionAction.Add), next.ClientOrderId("p42", DecisionAction.Add));
        Assert.NotEqual(slot.ClientOrderId("p42", DecisionAction.Add), slot.ClientOrderId("p42", DecisionAction.Reduce));
        Assert.NotEqual(slot.ClientOrderId("p42", DecisionAction.Add), slot.ClientOrderId("p43", DecisionAction.Add));
    }

    [Fact]
    public void Longest_symbol_fits_in_forty_characters()
    {
        var slot = RunSlot.Containing(DateTimeOffset.UnixEpoch.AddYears(80), TimeSpan.FromMinutes(5));
        Assert.True(slot.ClientOrderId("ABCDEFGHIJKLMNOPQRST-S", DecisionAction.Close).Length <= 40);
    }

    [Fact]
    public void A_client_order_id_tells_its_slot_and_action_and_a_foreign_id_tells_nothing()
    {
        var slot = RunSlot.Containing(new DateTimeOffset(2026, 11, 29, 8, 13, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));
        foreach (var action in new[] { DecisionAction.Open, DecisionAction.Add, DecisionAction.Reduce, DecisionAction.Close })
        {
            // Standalone pair keys carry a dash (SOLUSDT-L); database ones do not (p42).
            foreach (var key in new[] { "SOLUSDT-L", "p42" })
            {
                Assert.Equal((slot.Start, action), RunSlot.ReadClientOrderId(slot.ClientOrderId(key, action)));
            }
        }
        foreach (var foreign in new[] { "", "manual-order", "dt-p42-abc-A", "dt-p42-100-X", "dt-p42-100-AA", "dt-100-A", "xx-p42-100-A", "dt-p42-99999999999999999999-A", "dt-p42-100-" })
        {
            Assert.Null(RunSlot.ReadClientOrderId(foreign));
        }
    }
}
