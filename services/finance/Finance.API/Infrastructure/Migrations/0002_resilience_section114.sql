-- A year's totals from the ledger and the reserves at its end: the resilience indicators are computed from these.
CREATE TABLE ledger_years (
    year                      integer     PRIMARY KEY,
    net_revenue_expenditure   numeric     NOT NULL,
    usable_reserves           numeric     NOT NULL,   -- at 31 March
    social_care_spend         numeric     NOT NULL,
    council_tax_income        numeric     NOT NULL,
    fees_and_charges_income   numeric     NOT NULL,
    total_service_expenditure numeric     NOT NULL,
    source                    text        NOT NULL,
    recorded_at               timestamptz NOT NULL
);

-- Section114RiskRaised is published once per year: the year is the key.
CREATE TABLE section114_risks (
    year              integer     PRIMARY KEY,
    event_id          uuid        NOT NULL,
    forecast_spending numeric     NOT NULL,
    resources         numeric     NOT NULL,
    usable_reserves   numeric     NOT NULL,
    raised_at         timestamptz NOT NULL
);

CREATE TABLE section114_notices (
    id             uuid        PRIMARY KEY,
    year           integer     NOT NULL,
    issued_on      date        NOT NULL,
    issued_by      text        NOT NULL,
    full_council_by date       NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX section114_notices_year ON section114_notices (year);
