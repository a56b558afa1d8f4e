// The API's request and response types, in contracts/Governance/Http/ beside the Refit interface that calls them.
global using Intervention.Contracts.Governance.Http;
