// The financial year every portfolio reads alike (contracts/FinancialYear.cs).
global using FinancialYear = Intervention.Contracts.FinancialYear;
// The API's request and response types, in contracts/Finance/Http/ beside the Refit interface that calls them.
global using Intervention.Contracts.Finance.Http;
