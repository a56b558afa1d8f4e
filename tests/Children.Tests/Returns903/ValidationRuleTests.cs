using Children.API.Returns903;

namespace Children.Tests.Returns903;

/// <summary>Each DfE rule: a row that breaks it is reported with its code, table and row; the value at its edge is not.</summary>
public sealed class ValidationRuleTests
{
    [Fact]
    public void The_valid_return_breaks_no_rule() => Assert.Empty(Returns.Validate(Returns.Valid()));

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // rule, change that breaks it, change at its edge that keeps it, table and row reported
        { "101", "header:0:SEX=3", "header:0:SEX=2", 0, "header" },
        { "102", "header:0:DOB=31/02/2009", "header:0:DOB=28/02/2009", 0, "header" },
        { "103", "header:0:ETHNIC=XXXX", "header:0:ETHNIC=NOBT", 0, "header" },
        { "168", "header:0:UPN=A12345678901X", "header:0:UPN=UN5", 0, "header" },
        { "442", "header:0:UPN=", "header:0:UPN=UN1", 0, "header" },
        { "171", "header:1:MOTHER=1;header:1:MC_DOB=32/01/2017", "header:1:MOTHER=1;header:1:MC_DOB=31/01/2017", 1, "header" },
        { "174", "header:0:MOTHER=1;header:0:MC_DOB=01/01/2017", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017", 0, "header" },
        { "301", "header:0:DOB=01/04/2018", "header:0:DOB=31/03/2018", 0, "header" },
        { "351", "header:0:DOB=31/03/1991", "header:0:DOB=02/04/1991", 0, "header" },
        { "611", "header:1:MOTHER=1", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017", 1, "header" },
        { "612", "header:1:MC_DOB=01/01/2017", "header:1:MC_DOB=01/01/2017;header:1:MOTHER=1", 1, "header" },
        { "620", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017;header:1:DOB=01/04/2007", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017;header:1:DOB=31/03/2007", 1, "header" },
        { "621", "header:1:MOTHER=1;header:1:MC_DOB=09/10/2003", "header:1:MOTHER=1;header:1:MC_DOB=10/10/2003", 1, "header" },
        { "INT32", "header:1:CHILD=C1", "header:2:CHILD=C4", 1, "header" },
        { "393", "header:1:MOTHER=", "header:1:MOTHER=;episodes:2:LS=V4;episodes:2:HOME_POST=;episodes:2:PL_POST=", 1, "header" },
        { "165", "header:1:MOTHER=1.0", "header:1:MOTHER=1;header:1:MC_DOB=01/01/2017", 1, "header" },
        { "141", "episodes:0:DECOM=2017-06-01", "episodes:0:DECOM=02/06/2017", 0, "episodes" },
        { "143", "episodes:2:RNE=X", "episodes:1:RNE=B", 2, "episodes" },
        { "144", "episodes:2:LS=C3", "episodes:2:LS=J3", 2, "episodes" },
        { "145", "episodes:2:CIN=N9", "episodes:2:CIN=N8", 2, "episodes" },
        { "146", "episodes:2:PLACE=U7", "episodes:2:PLACE=U1", 2, "episodes" },
        { "147", "episodes:0:DEC=31/09/2017", "episodes:0:DEC=30/09/2017", 0, "episodes" },
        { "148", "episodes:0:REC=", "episodes:2:DEC=01/03/2018;episodes:2:REC=E4A", 0, "episodes" },
        { "149", "episodes:0:REC=X2", "episodes:2:DEC=01/03/2018;episodes:2:REC=E4B", 0, "episodes" },
        { "178", "episodes:0:PLACE_PROVIDER=PR6", "episodes:0:PLACE_PROVIDER=PR5", 0, "episodes" },
        { "1009", "episodes:0:REASON_PLACE_CHANGE=MOVED", "episodes:0:REASON_PLACE_CHANGE=CUSTOD", 0, "episodes" },
        { "213", "episodes:2:PLACE=T4", "episodes:2:PLACE=T4;episodes:2:PLACE_PROVIDER=", 2, "episodes" },
        { "214", "episodes:2:PLACE=Z1;episodes:2:PLACE_PROVIDER=", "episodes:2:PLACE=Z1;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:URN=", 2, "episodes" },
        { "526", "episodes:2:PLACE_PROVIDER=", "episodes:2:PLACE=T1;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=", 2, "episodes" },
        { "550", "episodes:2:PLACE_PROVIDER=PR0", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR0", 2, "episodes" },
        { "527", "episodes:2:PLACE=R2;episodes:2:PLACE_PROVIDER=PR1", "episodes:2:PLACE=R1;episodes:2:PLACE_PROVIDER=PR1", 2, "episodes" },
        { "528", "episodes:2:PLACE=R5;episodes:2:PLACE_PROVIDER=PR2", "episodes:2:PLACE=R1;episodes:2:PLACE_PROVIDER=PR2", 2, "episodes" },
        { "529", "episodes:2:PLACE_PROVIDER=PR3", "episodes:2:PLACE=R1;episodes:2:PLACE_PROVIDER=PR3", 2, "episodes" },
        { "530", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR4", "episodes:2:PLACE=R1;episodes:2:PLACE_PROVIDER=PR4", 2, "episodes" },
        { "531", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR5", "episodes:2:PLACE=R1;episodes:2:PLACE_PROVIDER=PR5", 2, "episodes" },
        { "392c", "episodes:2:PL_POST=XYZ", "episodes:2:PL_POST=S63 1AB", 2, "episodes" },
        { "392d", "episodes:2:PL_POST=S62 1", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR0;episodes:2:PL_POST=S62 1", 2, "episodes" },
        { "398", "episodes:2:LS=V3", "episodes:2:LS=V3;episodes:2:HOME_POST=;episodes:2:PL_POST=", 2, "episodes" },
        { "378", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR0;episodes:2:LS=V2", "episodes:2:PLACE=P1;episodes:2:PLACE_PROVIDER=PR0;episodes:2:LS=C2", 2, "episodes" },
        { "380", "episodes:2:PLACE=T1;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=", "episodes:1:PLACE=T1;episodes:1:PLACE_PROVIDER=;episodes:1:PL_POST=;episodes:1:URN=", 2, "episodes" },
        { "381", "episodes:2:DEC=01/03/2018;episodes:2:REC=E4A;episodes:2:PLACE=T2;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=", "episodes:0:PLACE=T2;episodes:0:PLACE_PROVIDER=;episodes:0:PL_POST=", 2, "episodes" },
        { "382", "episodes:2:LS=V3;episodes:2:PLACE=T2;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:HOME_POST=", "episodes:2:LS=V3;episodes:2:HOME_POST=;episodes:2:PL_POST=", 2, "episodes" },
        { "384", "episodes:2:LS=V4;episodes:2:PLACE=U4;episodes:2:HOME_POST=;episodes:2:PL_POST=", "episodes:2:LS=V4;episodes:2:HOME_POST=;episodes:2:PL_POST=", 2, "episodes" },
        { "353", "episodes:2:DECOM=13/10/1991", "episodes:2:DECOM=14/10/1991", 2, "episodes" },
        { "354", "episodes:2:DECOM=01/04/2018", "episodes:2:DECOM=31/03/2018", 2, "episodes" },
        { "385", "episodes:2:DEC=01/04/2018;episodes:2:REC=E4A", "episodes:2:DEC=31/03/2018;episodes:2:REC=E4A", 2, "episodes" },
        { "355", "episodes:2:DEC=15/04/2016;episodes:2:REC=E4A", "episodes:2:DEC=16/04/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "356", "episodes:2:DEC=14/04/2016;episodes:2:REC=E4A", "episodes:2:DEC=15/04/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "361", "episodes:2:LS=L1;episodes:2:DEC=19/04/2016;episodes:2:REC=E4A", "episodes:2:LS=L1;episodes:2:DEC=18/04/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "362", "episodes:2:LS=L2;episodes:2:DEC=07/05/2016;episodes:2:REC=E4A", "episodes:2:LS=L2;episodes:2:DEC=06/05/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "363", "episodes:2:LS=L3;episodes:2:DEC=23/04/2016;episodes:2:REC=E4A", "episodes:2:LS=L3;episodes:2:DEC=22/04/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "365", "episodes:2:LS=V3;episodes:2:HOME_POST=;episodes:2:PL_POST=;episodes:2:DEC=03/05/2016;episodes:2:REC=E4A", "episodes:2:LS=V3;episodes:2:HOME_POST=;episodes:2:PL_POST=;episodes:2:DEC=02/05/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "375", "episodes:2:PLACE=T1;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=28/05/2016;episodes:2:REC=E4A", "episodes:2:PLACE=T1;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=27/05/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "376", "episodes:2:PLACE=T3;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=07/05/2016;episodes:2:REC=E4A", "episodes:2:PLACE=T3;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=06/05/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "379", "episodes:2:PLACE=T4;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=23/04/2016;episodes:2:REC=E4A", "episodes:2:PLACE=T4;episodes:2:PLACE_PROVIDER=;episodes:2:PL_POST=;episodes:2:DEC=22/04/2016;episodes:2:REC=E4A", 2, "episodes" },
        { "445", "episodes:2:LS=D1", "episodes:2:LS=D1;episodes:2:DECOM=30/12/2005", 2, "episodes" },
        { "446", "episodes:2:LS=E1;episodes:2:DECOM=29/12/2005", "episodes:2:LS=E1;episodes:2:DECOM=30/12/2005", 2, "episodes" },
        { "352", "header:1:DOB=14/04/1998", "header:1:DOB=16/04/1998", 2, "episodes" },
        { "370", "episodes:2:PLACE=P2", "episodes:2:PLACE=P2;header:1:DOB=15/04/2001", 2, "episodes" },
        { "371", "episodes:2:PLACE=H5", "episodes:2:PLACE=H5;header:1:DOB=15/04/2002", 2, "episodes" },
        { "372", "episodes:0:PLACE=R5;episodes:0:PLACE_PROVIDER=PR4", "episodes:0:PLACE=R5;episodes:0:PLACE_PROVIDER=PR4;header:0:DOB=01/06/2007", 0, "episodes" },
        { "373", "episodes:0:PLACE=S1;header:0:DOB=02/06/2013", "episodes:0:PLACE=S1;header:0:DOB=01/06/2013", 0, "episodes" },
        { "374", "episodes:2:PLACE=P3", "episodes:2:PLACE=P3;header:1:DOB=15/04/2002", 2, "episodes" },
        { "386", "episodes:2:DEC=01/03/2018;episodes:2:REC=E11;header:1:DOB=01/03/2000", "episodes:2:DEC=01/03/2018;episodes:2:REC=E11;header:1:DOB=02/03/2000", 2, "episodes" },
        { "387", "episodes:2:DEC=01/03/2018;episodes:2:REC=E5;header:1:DOB=02/03/2004", "episodes:2:DEC=01/03/2018;episodes:2:REC=E5;header:1:DOB=01/03/2004", 2, "episodes" },
        { "389", "episodes:2:DEC=01/03/2018;episodes:2:REC=E7;header:1:DOB=02/03/2002", "episodes:2:DEC=01/03/2018;episodes:2:REC=E7;header:1:DOB=01/03/2002", 2, "episodes" },
        { "407", "episodes:2:DEC=01/03/2018;episodes:2:REC=E45;header:1:DOB=01/03/2000", "episodes:2:DEC=01/03/2018;episodes:2:REC=E45;header:1:DOB=02/03/2000", 2, "episodes" },
        { "460", "episodes:2:DEC=01/03/2018;episodes:2:REC=E17", "episodes:2:DEC=01/03/2018;episodes:2:REC=E17;header:1:DOB=01/03/2000", 2, "episodes" },
        { "516", "episodes:2:DEC=01/03/2018;episodes:2:REC=E45;episodes:2:PLACE=K2", "episodes:2:DEC=01/03/2018;episodes:2:REC=E45", 2, "episodes" },
        { "302", "header:1:DOB=16/04/2016", "header:1:DOB=15/04/2016", 2, "episodes" },
        { "357", "episodes:0:RNE=P", "episodes:2:RNE=P", 0, "episodes" },
        { "142", "episodes:0:DEC=;episodes:0:REC=", "episodes:1:DEC=;episodes:1:REC=", 0, "episodes" },
        { "388", "episodes:1:DEC=01/03/2018;episodes:1:REC=X1", "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A", 1, "episodes" },
        { "433", "episodes:1:DECOM=02/09/2017", "episodes:1:DECOM=01/09/2017", 1, "episodes" },
        { "431", "episodes:1:RNE=S", "episodes:1:RNE=S;episodes:1:DECOM=02/09/2017;episodes:0:REC=E4A", 1, "episodes" },
        { "432", "episodes:0:REC=E4A", "episodes:0:REC=X1", 1, "episodes" },
        { "501", "episodes:1:DECOM=31/08/2017", "episodes:1:DECOM=01/09/2017", 1, "episodes" },
        { "434", "episodes:1:RNE=L", "episodes:1:RNE=L;episodes:1:LS=C1;episodes:1:PLACE=U4;episodes:1:PLACE_PROVIDER=PR1;episodes:1:PL_POST=S61 2;episodes:1:URN=SC040018", 1, "episodes" },
        { "435", "episodes:1:LS=C1", "episodes:1:LS=C2", 1, "episodes" },
        { "436", "episodes:1:RNE=B", "episodes:1:RNE=B;episodes:1:LS=C1", 1, "episodes" },
        { "437", "episodes:0:REC=E2", "episodes:1:DEC=01/03/2018;episodes:1:REC=E2", 0, "episodes" },
        { "INT03", "episodes:2:CHILD=C9", "episodes:2:CHILD=C2", 2, "episodes" },
        { "166", "reviews:0:REVIEW=2017-06-20", "reviews:0:REVIEW=21/06/2017", 0, "reviews" },
        { "167", "reviews:0:REVIEW_CODE=PN8", "reviews:0:REVIEW_CODE=PN7", 0, "reviews" },
        { "440", "reviews:1:REVIEW_CODE=PN0", "reviews:0:DOB=21/06/2013;reviews:0:REVIEW_CODE=PN0", 1, "reviews" },
        { "441", "reviews:0:DOB=21/06/2013", "reviews:0:DOB=20/06/2013", 0, "reviews" },
        { "INT08", "reviews:0:CHILD=C9", "reviews:0:CHILD=C1", 0, "reviews" },
        { "INT17", "reviews:0:DOB=05/05/2009", "reviews:0:DOB=04/05/2009", 0, "reviews" },
        { "1004", "missing:0:MIS_START=2017-11-01", "missing:0:MIS_START=02/11/2017", 0, "missing" },
        { "1005", "missing:0:MIS_END=31/11/2017", "missing:0:MIS_END=30/11/2017", 0, "missing" },
        { "1006", "missing:0:MISSING=X", "missing:0:MISSING=A", 0, "missing" },
        { "564", "missing:0:MIS_START=", "missing:0:MISSING=;missing:0:MIS_START=;missing:0:MIS_END=", 0, "missing" },
        { "565", "missing:0:MISSING=", "missing:0:MISSING=M", 0, "missing" },
        { "566", "missing:0:MISSING=;missing:0:MIS_START=", "missing:0:MISSING=;missing:0:MIS_START=;missing:0:MIS_END=", 0, "missing" },
        { "567", "missing:0:MIS_END=31/10/2017", "missing:0:MIS_END=01/11/2017", 0, "missing" },
        { "570", "missing:1:MIS_START=01/04/2018;missing:1:MIS_END=", "missing:1:MIS_START=31/03/2018;missing:1:MIS_END=", 1, "missing" },
        { "571", "missing:1:MIS_END=01/04/2018", "missing:1:MIS_END=31/03/2018", 1, "missing" },
        { "574", "missing:1:MIS_START=02/11/2017", "missing:1:MIS_START=03/11/2017", 1, "missing" },
        { "586", "missing:0:MIS_START=09/10/2003", "missing:0:MIS_START=10/10/2003", 0, "missing" },
        { "INT04", "missing:0:CHILD=C9", "missing:0:CHILD=C2", 0, "missing" },
        { "INT13", "missing:0:DOB=11/10/2003", "missing:0:DOB=10/10/2003", 0, "missing" },
        { "165", "header:1:MOTHER=", "header:1:MOTHER=;oc3:0:CHILD=C2;oc3:0:DOB=10/10/2003", 1, "header" },

        // uasc: C2, 10/10/2003, status ceased 01/06/2017
        { "INT09", "uasc:0:CHILD=C9", "uasc:0:CHILD=C1;uasc:0:SEX=1;uasc:0:DOB=04/05/2009", 0, "uasc" },
        { "INT18", "uasc:0:DOB=11/10/2003", "uasc:0:DOB=10/10/2003", 0, "uasc" },
        { "INT21", "uasc:0:SEX=1", "uasc:0:SEX=2", 0, "uasc" },
        { "INT36", "uasc:1:CHILD=C2", "uasc:1:CHILD=C1;uasc:1:SEX=1;uasc:1:DOB=04/05/2009", 1, "uasc" },
        { "104", "uasc:0:DUC=31/06/2017", "uasc:0:DUC=30/06/2017", 0, "uasc" },
        { "304", "uasc:0:DUC=11/10/2021", "uasc:0:DUC=10/10/2021", 0, "uasc" },

        // ad1: C1, decided 01/07/2017, matched 01/08/2017, not the foster carers, two adopters MF, married (L11)
        { "INT01", "ad1:0:CHILD=C9", "ad1:0:CHILD=C2;ad1:0:DOB=10/10/2003", 0, "ad1" },
        { "INT31", "ad1:1:CHILD=C1", "ad1:1:CHILD=C2;ad1:1:DOB=10/10/2003", 1, "ad1" },
        { "INT11", "ad1:0:DOB=05/05/2009", "ad1:0:DOB=04/05/2009", 0, "ad1" },
        { "112", "ad1:0:DATE_INT=2017-07-01", "ad1:0:DATE_INT=31/07/2017", 0, "ad1" },
        { "113", "ad1:0:DATE_MATCH=01/13/2017", "ad1:0:DATE_MATCH=01/12/2017", 0, "ad1" },
        { "114", "ad1:0:FOSTER_CARE=1.0", "ad1:0:FOSTER_CARE=1", 0, "ad1" },
        { "151", "ad1:0:FOSTER_CARE=", "ad1:0:DATE_INT=;ad1:0:DATE_MATCH=;ad1:0:FOSTER_CARE=;ad1:0:NB_ADOPTR=;ad1:0:SEX_ADOPTR=;ad1:0:LS_ADOPTR=", 0, "ad1" },
        { "175", "ad1:0:NB_ADOPTR=3", "ad1:0:NB_ADOPTR=1;ad1:0:SEX_ADOPTR=F1;ad1:0:LS_ADOPTR=L0", 0, "ad1" },
        { "176", "ad1:0:SEX_ADOPTR=FM", "ad1:0:NB_ADOPTR=1;ad1:0:SEX_ADOPTR=M1;ad1:0:LS_ADOPTR=L0", 0, "ad1" },
        { "177", "ad1:0:LS_ADOPTR=L1", "ad1:0:LS_ADOPTR=L2", 0, "ad1" },
        { "333", "ad1:0:DATE_INT=02/08/2017", "ad1:0:DATE_INT=01/08/2017", 0, "ad1" },
        { "511", "ad1:0:SEX_ADOPTR=F1", "ad1:0:SEX_ADOPTR=FF;ad1:0:LS_ADOPTR=L12", 0, "ad1" },
        { "514", "ad1:0:LS_ADOPTR=L0", "ad1:0:LS_ADOPTR=L0;ad1:0:SEX_ADOPTR=F1;ad1:0:NB_ADOPTR=1", 0, "ad1" },
        { "517", "ad1:0:LS_ADOPTR=L3;ad1:0:SEX_ADOPTR=FF", "ad1:0:LS_ADOPTR=L3", 0, "ad1" },
        { "518", "ad1:0:LS_ADOPTR=L4", "ad1:0:LS_ADOPTR=L4;ad1:0:SEX_ADOPTR=MM", 0, "ad1" },
        { "519", "ad1:0:LS_ADOPTR=L2;ad1:0:SEX_ADOPTR=M1;ad1:0:NB_ADOPTR=1", "ad1:0:LS_ADOPTR=L2;ad1:0:SEX_ADOPTR=FF", 0, "ad1" },
        { "520", "ad1:0:SEX_ADOPTR=MM", "ad1:0:SEX_ADOPTR=MF", 0, "ad1" },
        { "524", "ad1:0:LS_ADOPTR=L12", "ad1:0:LS_ADOPTR=L12;ad1:0:SEX_ADOPTR=FF", 0, "ad1" },
        { "134", "oc3:0:CHILD=C1;oc3:0:DOB=04/05/2009", "oc3:0:CHILD=C1;oc3:0:DOB=04/05/2009;oc3:0:IN_TOUCH=;oc3:0:ACTIV=;oc3:0:ACCOM=", 0, "ad1" },

        // placed_for_adoption: C1, decided 01/07/2017, not reversed
        { "INT02", "placed_for_adoption:0:CHILD=C9", "placed_for_adoption:0:CHILD=C2;placed_for_adoption:0:DOB=10/10/2003", 0, "placed_for_adoption" },
        { "INT12", "placed_for_adoption:0:DOB=03/05/2009", "placed_for_adoption:0:DOB=04/05/2009", 0, "placed_for_adoption" },
        { "115", "placed_for_adoption:0:DATE_PLACED=1/7/2017", "placed_for_adoption:0:DATE_PLACED=02/07/2017", 0, "placed_for_adoption" },
        { "116", "placed_for_adoption:0:DATE_PLACED_CEASED=30/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        { "119", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD4", 0, "placed_for_adoption" },
        { "120", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD5", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD3", 0, "placed_for_adoption" },
        { "184", "placed_for_adoption:0:DATE_PLACED=03/05/2009", "placed_for_adoption:0:DATE_PLACED=04/05/2009", 0, "placed_for_adoption" },
        { "522", "placed_for_adoption:0:DATE_PLACED_CEASED=30/06/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", "placed_for_adoption:0:DATE_PLACED_CEASED=01/07/2017;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        { "563", "placed_for_adoption:0:DATE_PLACED=;placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", "placed_for_adoption:0:DATE_PLACED=", 0, "placed_for_adoption" },

        // oc2: C2, 14 at 31 March, SDQ 12, not convicted, immunised, teeth and health checked, no substance misuse
        { "INT05", "oc2:0:CHILD=C9", "oc2:0:CHILD=C1;oc2:0:DOB=04/05/2009", 0, "oc2" },
        { "INT14", "oc2:0:DOB=10/11/2003", "oc2:0:DOB=10/10/2003", 0, "oc2" },
        { "INT33", "oc2:1:CHILD=C2", "oc2:1:CHILD=C1;oc2:1:DOB=04/05/2009", 1, "oc2" },
        { "158", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=1;oc2:0:INTERVENTION_OFFERED=1", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=1", 0, "oc2" },
        { "159", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=0", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=0;oc2:0:INTERVENTION_OFFERED=0", 0, "oc2" },
        { "180", "oc2:0:SDQ_SCORE=41", "oc2:0:SDQ_SCORE=40", 0, "oc2" },
        { "181", "oc2:0:TEETH_CHECK=1.0", "oc2:0:TEETH_CHECK=0", 0, "oc2" },
        { "182", "oc2:0:TEETH_CHECK=", "oc2:0:CONVICTED=;oc2:0:IMMUNISATIONS=;oc2:0:TEETH_CHECK=;oc2:0:HEALTH_ASSESSMENT=;oc2:0:SUBSTANCE_MISUSE=", 0, "oc2" },
        { "188", "oc2:0:DOB=01/04/2014;oc2:0:CONVICTED=;header:1:DOB=01/04/2014", "oc2:0:DOB=31/03/2014;oc2:0:CONVICTED=;header:1:DOB=31/03/2014", 0, "oc2" },
        { "189", "oc2:0:DOB=01/04/2000;header:1:DOB=01/04/2000", "oc2:0:DOB=02/04/2000;header:1:DOB=02/04/2000", 0, "oc2" },
        { "192", "oc2:0:SUBSTANCE_MISUSE=1", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=1", 0, "oc2" },
        { "193", "oc2:0:INTERVENTION_OFFERED=0", "oc2:0:SUBSTANCE_MISUSE=1;oc2:0:INTERVENTION_RECEIVED=0;oc2:0:INTERVENTION_OFFERED=0", 0, "oc2" },
        { "196", "oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ6", "oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ5", 0, "oc2" },
        { "197a", "oc2:0:SDQ_REASON=SDQ4", "oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ4", 0, "oc2" },
        { "542", "oc2:0:DOB=01/04/2008;header:1:DOB=01/04/2008", "oc2:0:DOB=31/03/2008;header:1:DOB=31/03/2008", 0, "oc2" },
        { "544", "oc2:0:HEALTH_ASSESSMENT=", "oc2:0:HEALTH_ASSESSMENT=;oc2:0:CONVICTED=;oc2:0:IMMUNISATIONS=;oc2:0:TEETH_CHECK=;oc2:0:SUBSTANCE_MISUSE=", 0, "oc2" },
        { "547", "oc2:0:HEALTH_CHECK=1;oc2:0:CONVICTED=;oc2:0:IMMUNISATIONS=", "oc2:0:HEALTH_CHECK=1", 0, "oc2" },
        { "215", "oc3:0:CHILD=C2;oc3:0:DOB=10/10/2003", "oc3:0:CHILD=C2;oc3:0:DOB=10/10/2003;oc3:0:IN_TOUCH=;oc3:0:ACTIV=;oc3:0:ACCOM=", 0, "oc2" },

        // oc3: C3, 18 on 01/01/2018, in touch, in full-time education, in suitable accommodation
        { "INT06", "oc3:0:CHILD=C9", "oc3:0:CHILD=C3", 0, "oc3" },
        { "INT15", "oc3:0:DOB=02/01/2000", "oc3:0:DOB=01/01/2000", 0, "oc3" },
        { "INT34", "oc3:1:CHILD=C3", "oc3:1:CHILD=C2;oc3:1:DOB=10/10/2003", 1, "oc3" },
        { "153", "oc3:0:ACCOM=", "oc3:0:IN_TOUCH=;oc3:0:ACTIV=;oc3:0:ACCOM=", 0, "oc3" },
        { "344", "oc3:0:IN_TOUCH=RHOM", "oc3:0:IN_TOUCH=RHOM;oc3:0:ACTIV=;oc3:0:ACCOM=", 0, "oc3" },
        { "391", "oc3:0:DOB=01/04/2001;header:2:DOB=01/04/2001", "oc3:0:DOB=31/03/2001;header:2:DOB=31/03/2001", 0, "oc3" },

        // across tables (C3 given an episode of his own as row 3 where a rule needs one)
        { "578", "episodes:2:DEC=01/12/2017;episodes:2:REC=E4A", "episodes:2:DEC=10/12/2017;episodes:2:REC=E4A", 1, "missing" },
        { "577", "missing:1:MIS_END=;episodes:2:DEC=01/03/2018;episodes:2:REC=E4A", "missing:1:MIS_END=", 1, "missing" },
        // C1 not adopted: still in the placement he began on 01/09/2017.
        { "575", "episodes:1:DEC=;episodes:1:REC=;missing:0:CHILD=C1;missing:0:DOB=04/05/2009;missing:0:MIS_START=01/08/2017;missing:0:MIS_END=",
                 "episodes:1:DEC=;episodes:1:REC=;missing:0:CHILD=C1;missing:0:DOB=04/05/2009;missing:0:MIS_START=01/10/2017;missing:0:MIS_END=", 0, "missing" },
        { "581", "missing:0:MIS_START=14/04/2016", "missing:0:MIS_START=15/04/2016", 0, "missing" },
        { "1000", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/07/2017;episodes:3:REC=E2", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/07/2017;episodes:3:REC=E4A", 0, "oc3" },
        { "1011", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/07/2017;episodes:3:REC=E3", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/07/2017;episodes:3:REC=E4A", 0, "oc3" },
        { "1007", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017", "episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/01/2018;episodes:3:REC=E4A", 0, "oc3" },
        { "628", "header:2:MOTHER=0", "header:2:MOTHER=0;episodes:3:CHILD=C3;episodes:3:DECOM=01/06/2017;episodes:3:DEC=01/07/2017;episodes:3:REC=E4A", 2, "header" },
        { "630", "previous_permanence:1:PREV_PERM=", "previous_permanence:1:PREV_PERM=;episodes:0:DECOM=31/03/2017", 0, "episodes" },
        { "634", "episodes:2:DECOM=31/03/2016", "episodes:2:DECOM=01/04/2016", 0, "previous_permanence" },
        { "551", "episodes:2:PLACE=A5", "episodes:2:PLACE=A5;placed_for_adoption:1:CHILD=C2;placed_for_adoption:1:DOB=10/10/2003", 2, "episodes" },
        { "582", "episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:DATE_MATCH=01/03/2018", "episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:DATE_MATCH=28/02/2018", 1, "episodes" },
        { "334", "ad1:0:DATE_INT=31/05/2017", "ad1:0:DATE_INT=01/06/2017", 0, "ad1" },
        { "521", "episodes:1:PLACE=A5;ad1:0:DATE_INT=02/09/2017;ad1:0:DATE_MATCH=02/09/2017", "episodes:1:PLACE=A5;ad1:0:DATE_INT=01/09/2017;ad1:0:DATE_MATCH=02/09/2017", 0, "ad1" },
        { "331", "episodes:1:PLACE=A5;episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:DATE_MATCH=02/09/2017", "episodes:1:PLACE=A5;episodes:1:DEC=01/03/2018;episodes:1:REC=E11;ad1:0:DATE_MATCH=01/09/2017", 0, "ad1" },
        { "525", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", "placed_for_adoption:0:DATE_PLACED_CEASED=28/02/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1;ad1:0:DATE_INT=;ad1:0:DATE_MATCH=;ad1:0:FOSTER_CARE=;ad1:0:NB_ADOPTR=;ad1:0:SEX_ADOPTR=;ad1:0:LS_ADOPTR=", 0, "ad1" },

        // C1 not adopted, still looked after at 31 March.
        { "117", "episodes:1:DEC=;episodes:1:REC=;placed_for_adoption:0:DATE_PLACED=01/04/2018",
                 "episodes:1:DEC=;episodes:1:REC=;placed_for_adoption:0:DATE_PLACED=31/03/2018", 0, "placed_for_adoption" },
        { "117", "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A;placed_for_adoption:0:DATE_PLACED_CEASED=02/03/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1",
                 "episodes:1:DEC=01/03/2018;episodes:1:REC=E4A;placed_for_adoption:0:DATE_PLACED_CEASED=01/03/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1", 0, "placed_for_adoption" },
        { "1003", "placed_for_adoption:0:DATE_PLACED=31/05/2017", "placed_for_adoption:0:DATE_PLACED=01/06/2017", 0, "placed_for_adoption" },
        { "579", "placed_for_adoption:1:DATE_PLACED=01/02/2018",
                 "placed_for_adoption:0:DATE_PLACED_CEASED=01/01/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1;placed_for_adoption:1:DATE_PLACED=01/01/2018", 1, "placed_for_adoption" },
        { "583", "placed_for_adoption:1:DATE_PLACED=01/02/2018",
                 "placed_for_adoption:0:DATE_PLACED_CEASED=01/01/2018;placed_for_adoption:0:REASON_PLACED_CEASED=RD1;placed_for_adoption:1:DATE_PLACED=01/01/2018", 0, "placed_for_adoption" },

        // the OC2 cohort: looked after continuously for 12 months at 31 March (C2, since 2016; from 1 April 2017 at the edge)
        { "185", "episodes:2:DECOM=02/04/2017", "episodes:2:DECOM=01/04/2017", 0, "oc2" },
        { "198", "episodes:2:DECOM=02/04/2017;oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ2", "episodes:2:DECOM=01/04/2017;oc2:0:SDQ_SCORE=;oc2:0:SDQ_REASON=SDQ2", 0, "oc2" },
        { "190", "episodes:2:DECOM=02/04/2017", "episodes:2:DECOM=02/04/2017;oc2:0:CONVICTED=;oc2:0:IMMUNISATIONS=;oc2:0:TEETH_CHECK=;oc2:0:HEALTH_ASSESSMENT=;oc2:0:SUBSTANCE_MISUSE=", 0, "oc2" },
        { "191", "oc2:0:TEETH_CHECK=", "oc2:0:TEETH_CHECK=;episodes:2:DECOM=02/04/2017", 0, "oc2" },
        { "543", "oc2:0:CONVICTED=", "oc2:0:CONVICTED=;oc2:0:DOB=01/04/2008;header:1:DOB=01/04/2008", 0, "oc2" },
        { "545", "oc2:0:DOB=01/04/2013;header:1:DOB=01/04/2013;oc2:0:CONVICTED=;oc2:0:SDQ_SCORE=", "oc2:0:DOB=31/03/2013;header:1:DOB=31/03/2013;oc2:0:CONVICTED=;oc2:0:SDQ_SCORE=", 0, "oc2" },
        { "546", "oc2:0:HEALTH_CHECK=1", "oc2:0:HEALTH_CHECK=1;oc2:0:DOB=01/04/2013;header:1:DOB=01/04/2013;oc2:0:CONVICTED=;oc2:0:SDQ_SCORE=", 0, "oc2" },
        { "187", "oc3:0:CHILD=C2;oc3:0:DOB=10/10/2003", "oc3:0:CHILD=C2;oc3:0:DOB=10/10/2003;episodes:2:DECOM=02/04/2017", 0, "oc3" },

        // previous_permanence: C2, no previous permanence option (Z1)
        { "INT07", "previous_permanence:0:CHILD=C9", "previous_permanence:0:CHILD=C3;previous_permanence:0:DOB=01/01/2000", 0, "previous_permanence" },
        { "INT35", "previous_permanence:1:CHILD=C2;previous_permanence:1:DOB=10/10/2003", "previous_permanence:2:CHILD=C3;previous_permanence:2:DOB=01/01/2000", 1, "previous_permanence" },
        { "INT16", "previous_permanence:0:DOB=10/10/2004", "previous_permanence:0:DOB=10/10/2003", 0, "previous_permanence" },
        { "635", "previous_permanence:0:LA_PERM=372", "previous_permanence:0:PREV_PERM=P1;previous_permanence:0:LA_PERM=372", 0, "previous_permanence" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_row_that_breaks_the_rule_is_reported_and_the_edge_is_not(string rule, string breaks, string keeps, int row, string table)
    {
        var broken = Returns.Validate(Returns.With(breaks));
        Assert.Contains(broken, f => f.Rule == rule && f.Table == table && f.Row == row);
        Assert.DoesNotContain(Returns.Validate(Returns.With(keeps)), f => f.Rule == rule);
    }

    [Fact]
    public void Every_rule_the_validator_checks_is_in_the_DfE_list_and_has_a_case_here()
    {
        var list = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "rules-2022-23.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.All(Validator903.RuleCodes, code => Assert.Contains(code, list));
        Assert.Equal(Validator903.RuleCodes.Count, Validator903.RuleCodes.Distinct().Count());
        var tested = Cases.Concat(MoreRuleTests.Cases).Concat(LastYearRuleTests.Cases).Select(c => (string)c[0])
            .Concat(ReferenceDataRuleTests.Cases.Select(c => (string)c[0])).ToHashSet();
        Assert.DoesNotContain(Validator903.RuleCodes, c => !tested.Contains(c));
        Assert.True(Validator903.RuleCodes.Count >= 40);
    }

    [Fact]
    public void The_sex_code_list_follows_the_collection_year()
    {
        var letters = Returns.With("header:0:SEX=M;header:1:SEX=F;header:2:SEX=M");
        Assert.Contains(Returns.Validate(letters), f => f.Rule == "101");
        Assert.DoesNotContain(new Validator903(new CollectionYear(2024)).Validate(Returns.Read(letters)), f => f.Rule == "101");
    }
}
