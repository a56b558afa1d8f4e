using Children.API.ReferenceData;

namespace Children.Tests.ReferenceData;

/// <summary>Each upload is a new dated version beside the earlier ones; a validation reads the latest version dated on or before its day.</summary>
public sealed class ReferenceVersionTests
{
    private static readonly DateTimeOffset Morning = new(2018, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static ReferenceVersion Version(string kind, DateOnly asAt, DateTimeOffset uploadedAt, string sha = "a") =>
        new() { Id = Guid.NewGuid(), Kind = kind, AsAt = asAt, UploadedAt = uploadedAt, Rows = 1, Sha256 = sha };

    [Fact]
    public void The_same_file_for_the_same_day_again_is_the_version_already_held()
    {
        var held = Version("postcodes", new DateOnly(2018, 4, 1), Morning);
        var again = ReferenceVersion.Upload("postcodes", held.AsAt, held.Sha256, 1, held, Guid.NewGuid(), Morning.AddHours(1));
        Assert.True(again.Repeated);
        Assert.Same(held, again.Version);
        var first = ReferenceVersion.Upload("postcodes", held.AsAt, "b", 3, null, Guid.NewGuid(), Morning);
        Assert.False(first.Repeated);
        Assert.Equal(("postcodes", new DateOnly(2018, 4, 1), 3, "b"), (first.Version.Kind, first.Version.AsAt, first.Version.Rows, first.Version.Sha256));
    }

    [Fact]
    public void A_validation_reads_the_latest_version_dated_on_or_before_its_day_as_uploaded_by_then()
    {
        var april = Version("postcodes", new DateOnly(2018, 4, 1), Morning);
        var aprilCorrected = Version("postcodes", new DateOnly(2018, 4, 1), Morning.AddDays(1), "b");
        var june = Version("postcodes", new DateOnly(2018, 6, 1), Morning);
        var providers = Version("providers", new DateOnly(2018, 1, 1), Morning);
        ReferenceVersion[] all = [april, aprilCorrected, june, providers];
        Assert.Same(aprilCorrected, ReferenceVersion.InForce(all, "postcodes", new DateOnly(2018, 5, 31), Morning.AddDays(2)));
        // Before the correction was uploaded, the validation read the first April version.
        Assert.Same(april, ReferenceVersion.InForce(all, "postcodes", new DateOnly(2018, 5, 31), Morning));
        Assert.Same(june, ReferenceVersion.InForce(all, "postcodes", new DateOnly(2018, 6, 1), Morning.AddDays(2)));
        Assert.Null(ReferenceVersion.InForce(all, "postcodes", new DateOnly(2018, 3, 31), Morning.AddDays(2)));
        Assert.Same(providers, ReferenceVersion.InForce(all, "providers", new DateOnly(2018, 3, 31), Morning));
    }
}

/// <summary>A past year's return reads the reference lists of its year; the current year's, those of the day it is imported.</summary>
public sealed class DayValidatedTests
{
    [Fact]
    public void A_year_already_over_is_validated_as_at_its_31_March_and_the_current_year_as_at_the_import_day()
    {
        var year = new global::Children.API.Returns903.CollectionYear(2017);
        Assert.Equal(new DateOnly(2018, 3, 31), ReferenceVersion.DayValidated(year, new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2017, 11, 26), ReferenceVersion.DayValidated(year, new DateTimeOffset(2017, 11, 26, 10, 0, 0, TimeSpan.Zero)));
        // 23:30 UTC on 31 March 2018 is already 1 April in London (BST began on 25 March 2018): past the year's end.
        Assert.Equal(new DateOnly(2018, 3, 31), ReferenceVersion.DayValidated(year, new DateTimeOffset(2018, 3, 31, 23, 30, 0, TimeSpan.Zero)));
    }
}
