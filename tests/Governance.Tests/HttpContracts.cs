// Governance's request and response types (contracts/Governance/Http/), which its rules take and answer.
global using Intervention.Contracts.Governance.Http;
