// The financial year every portfolio reads alike (contracts/FinancialYear.cs).
global using FinancialYear = Intervention.Contracts.FinancialYear;
