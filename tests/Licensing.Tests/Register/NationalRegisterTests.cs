using Intervention.Contracts.Licensing;
using Licensing.API.Drivers;
using Licensing.API.Register;

namespace Licensing.Tests.Register;

public class NationalRegisterTests
{
    private static readonly DateTimeOffset Now = new(2017, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly On = new(2017, 1, 10);
    private static readonly Driver Driver = new() { Id = Guid.NewGuid(), Name = "Register Match", DateOfBirth = new DateOnly(1970, 7, 7) };

    [Fact]
    public void A_search_that_finds_an_entry_is_recorded_as_a_match_and_answered_as_a_reason_for_a_hearing_without_the_entrys_details()
    {
        var entry = new RegisterEntry { Id = Guid.NewGuid(), Name = "Register Match", Decision = HearingOutcome.Revocation, DecisionOn = new DateOnly(2016, 3, 1) };

        var check = NationalRegister.SearchRecorded(Driver, [entry], On, Now);
        var view = NationalRegister.View(Driver, [entry], On);

        Assert.Equal((DriverCheckKind.RegisterSearch, On, true), (check.Kind, check.CheckedOn, check.RegisterMatch));
        Assert.Equal([new RegisterMatchView(HearingOutcome.Revocation, new DateOnly(2016, 3, 1), null)], view.Matches);
        Assert.Equal("A match is a reason for a hearing; it is never the sole ground of a refusal.", view.Note);
    }

    [Fact]
    public void A_search_that_finds_nothing_is_recorded_too()
    {
        Assert.False(NationalRegister.SearchRecorded(Driver, [], On, Now).RegisterMatch);
        Assert.Equal("No entry found.", NationalRegister.View(Driver, [], On).Note);
    }
}
