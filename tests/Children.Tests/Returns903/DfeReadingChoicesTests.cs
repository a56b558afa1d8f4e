namespace Children.Tests.Returns903;

/// <summary>
/// The rules on which this service and an independent validator disagreed (issue 17): each case quotes the DfE's text and
/// states the reading taken; a row that breaks it under that reading is reported, the row at its edge is not. The small
/// valid return is described in <see cref="Returns"/>.
/// </summary>
public sealed class DfeReadingChoicesTests
{
    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // 168 "UPN is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5": a letter, eleven digits and
        // a digit or letter, the first letter being the DfE's check letter (weights 2-13, modulo 23); UN6 is no default code.
        { "168", "header:0:UPN=A801200001001", "header:0:UPN=H801200001001", 0, "header" },
        { "168", "header:0:UPN=UN6", "header:0:UPN=UN5", 0, "header" },
        // 178 "Placement provider code is not a valid code": PR0-PR5; a blank one is 526's (missing), not an invalid code.
        { "178", "episodes:1:PLACE_PROVIDER=PR6", "episodes:1:PLACE_PROVIDER=", 1, "episodes" },
        // 213 "Placement provider information not required" and 214 "Placement location information not required": for
        // temporary placements (T0-T4) and Z1 (other placements) alone; a placement like K2 keeps both.
        { "213", "episodes:1:PLACE=T1", "episodes:1:PLACE=K1", 1, "episodes" },
        { "214", "episodes:1:PLACE=Z1", "episodes:1:PLACE=K1", 1, "episodes" },
        // 370 "Child in independent living should be at least 15": the age on the day the placement began, for an episode
        // still open as for one that ended (the DfE names no end). C2 began at 12, open at 31 March; at 15 that day, not.
        { "370", "episodes:2:PLACE=P2", "episodes:2:PLACE=P2;header:1:DOB=15/04/2001", 2, "episodes" },
        // 371 "... semi-independent living ... should be at least 14" (H5), 372 "youth custody or prison ... at least 10" (R5),
        // 373 "placed in a school should be at least 4 years old" (S1), 374 "residential employment ... at least 14" (P3).
        { "371", "episodes:2:PLACE=H5", "episodes:2:PLACE=H5;header:1:DOB=15/04/2002", 2, "episodes" },
        { "372", "episodes:0:PLACE=R5", "episodes:2:PLACE=R5", 0, "episodes" },
        { "373", "episodes:0:PLACE=S1;header:0:DOB=02/06/2013", "episodes:0:PLACE=S1;header:0:DOB=01/06/2013", 0, "episodes" },
        { "374", "episodes:2:PLACE=P3", "episodes:2:PLACE=P3;header:1:DOB=15/04/2002", 2, "episodes" },
        // 380 "A period of care cannot start with a temporary placement": an episode that starts care (RNE S) in T0-T4; a
        // temporary placement within a period of care (RNE P) is allowed.
        { "380", "episodes:0:PLACE=T1", "episodes:1:PLACE=T1", 0, "episodes" },
        // 388 "Reason episode ceased is coded new episode begins, but there is no continuation episode": the child's last
        // episode of the year ends X1; X1 followed by the next episode is the continuation.
        { "388", "episodes:2:DEC=01/03/2018;episodes:2:REC=X1", "episodes:2:DEC=01/03/2018;episodes:2:REC=E8", 2, "episodes" },
        // 389 "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under
        // 16": the age on the day care ceased; 16 that day is old enough.
        { "389", "episodes:2:DEC=01/03/2018;episodes:2:REC=E7", "episodes:2:DEC=01/03/2018;episodes:2:REC=E7;header:1:DOB=01/03/2002", 2, "episodes" },
        // 392c "Postcode(s) provided are invalid": the shape of a UK postcode, full or the 903's sector form (S60 1). The public
        // validators also want the postcode in the ONS list; here a well-formed postcode the uploaded lookup cannot place is
        // reported by the lookup's own rules (169: no placement LA; 164: no distance), which run only when a lookup is loaded,
        // and a lookup may hold only the areas the authority places children in: 392c does not read it, so as not to report
        // one postcode twice or on a partial lookup.
        { "392c", "episodes:0:HOME_POST=60 1AA", "episodes:0:HOME_POST=S60 2TH", 0, "episodes" },
        // 431 "The reason for new episode is started to be looked after, but the previous episode ended on the same day":
        // RNE S the day the previous one ended; a day later it is a new period of care.
        { "431", "episodes:1:RNE=S", "episodes:1:RNE=S;episodes:1:DECOM=02/09/2017", 1, "episodes" },
        // 574 "A new missing/away from placement without authorisation period cannot start when the previous ... period is
        // still open": a period still open, or one that starts before the previous ended; starting the day it ended is allowed.
        { "574", "missing:1:MIS_START=02/11/2017", "missing:1:MIS_START=03/11/2017", 1, "missing" },
        { "574", "missing:0:MIS_END=", "missing:1:MIS_START=03/11/2017", 1, "missing" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_reading_taken_reports_the_breaking_row_and_not_the_edge(string rule, string breaks, string keeps, int row, string table)
    {
        Assert.Contains(Returns.Validate(Returns.With(breaks)), f => f.Rule == rule && f.Table == table && f.Row == row);
        Assert.DoesNotContain(Returns.Validate(Returns.With(keeps)), f => f.Rule == rule);
    }
}
